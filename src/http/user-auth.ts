import type { MiddlewareHandler } from 'hono';
import type { User } from '../core/user.ts';
import type { AppDeps, AppEnv } from './app-env.ts';
import { bearerHash } from './bearer.ts';
import { constantTimeEqual } from './constant-time.ts';
import { ProblemError } from './problem.ts';

/**
 * A user by the hash of their API key or of their feed token (hashes of distinct secrets never collide),
 * kept in the app's cache while the store's change stamp stands: a warm request for picks would
 * otherwise read the row and parse the profile every time. Any write (a profile replaced, feedback, a
 * key or token rotated) changes the stamp, so a rotated secret is unknown from the next request on.
 */
export async function cachedUserBy(deps: AppDeps, which: 'key' | 'feed-token', hash: string): Promise<User | null> {
  const key = `user-by-${which}|${await deps.store.changeStamp()}|${hash}`;
  const hit = deps.cache.get<User>(key);
  if (hit !== undefined) return hit;
  const user = which === 'key' ? await deps.store.userByKeyHash(hash) : await deps.store.userByFeedTokenHash(hash);
  if (user) deps.cache.set(key, user, { owner: user.id });
  return user;
}

/**
 * A user's routes take the admin key or that user's own key. An unknown user and someone else's key
 * both answer 404, so ids cannot be probed.
 */
export const requireUserOrAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const hash = await bearerHash(c);
  if (!hash) {
    c.header('www-authenticate', 'Bearer realm="convene"');
    throw new ProblemError('unauthorized', 401, 'send an API key as "Authorization: Bearer <key>"');
  }
  const { store, adminKeyHash } = c.get('deps');
  const id = c.req.param('id') ?? '';
  const isAdmin = Boolean(adminKeyHash) && constantTimeEqual(hash, adminKeyHash!);
  const user: User | null = isAdmin ? await store.getUser(id) : await cachedUserBy(c.get('deps'), 'key', hash);
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
