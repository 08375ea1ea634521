import type { MiddlewareHandler } from 'hono';
import type { User } from '../core/user.ts';
import { constantTimeEqual, sha256Hex } from './admin-key.ts';
import type { AppEnv } from './app-env.ts';
import { ProblemError } from './problem.ts';

/**
 * A user's routes take the admin key or that user's own key. An unknown user and someone else's key
 * both answer 404, so ids cannot be probed.
 */
export const requireUserOrAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (!token) {
    c.header('www-authenticate', 'Bearer realm="convene"');
    throw new ProblemError('unauthorized', 401, 'send an API key as "Authorization: Bearer <key>"');
  }
  const hash = await sha256Hex(token);
  const { store, adminKeyHash } = c.var.deps;
  const id = c.req.param('id') ?? '';
  const isAdmin = Boolean(adminKeyHash) && constantTimeEqual(hash, adminKeyHash!);
  const user: User | null = isAdmin ? await store.getUser(id) : await store.userByKeyHash(hash);
  if (!user || user.id !== id) {
    if (!isAdmin && !user) {
      c.header('www-authenticate', 'Bearer realm="convene"');
      throw new ProblemError('unauthorized', 401, 'unknown API key');
    }
    throw new ProblemError('not_found', 404, 'no such user');
  }
  c.set('user', user);
  await next();
};
