import type { IncomingMessage } from 'node:http';

/** What @hono/node-server passes as the app's env: the Node request behind the Web one. */
interface NodeEnv {
  incoming?: IncomingMessage;
}

/** The socket's address: behind no proxy, the client's. */
export function nodeClientAddress(_request: Request, env: unknown): string | undefined {
  return (env as NodeEnv).incoming?.socket?.remoteAddress;
}

/** A header from Node's own parsed headers (lower-case names, repeats joined as Fetch joins them). */
export function nodeRequestHeader(request: Request, env: unknown, name: string): string | undefined {
  const incoming = (env as NodeEnv).incoming;
  if (!incoming) return request.headers.get(name) ?? undefined;
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
