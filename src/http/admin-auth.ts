import type { MiddlewareHandler } from 'hono';
import { keyMatches } from './admin-key.ts';
import type { AppEnv } from './app-env.ts';
import { ProblemError } from './problem.ts';

/** Bearer auth with the admin key; the key is never logged or echoed. */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const expected = c.var.deps.adminKeyHash;
  if (!expected || !(await keyMatches(token, expected))) {
    c.header('www-authenticate', 'Bearer realm="convene"');
    throw new ProblemError('unauthorized', 401, 'send the admin key as "Authorization: Bearer <key>"');
  }
  await next();
};
