import type { Context } from 'hono';
import { sha256Hex } from '../core/sha256.ts';
import type { AppEnv } from './app-env.ts';
import { requestHeader } from './request-header.ts';

/** The bearer token of a request and its hash, hashed once however many middlewares ask. */
export async function bearerHash(c: Context<AppEnv>): Promise<string | null> {
  const cached = c.get('tokenHash');
  if (cached !== undefined) return cached;
  const token = /^Bearer\s+(\S+)$/i.exec(requestHeader(c, 'authorization') ?? '')?.[1];
  const hash = token ? sha256Hex(token) : null;
  c.set('tokenHash', hash);
  return hash;
}
