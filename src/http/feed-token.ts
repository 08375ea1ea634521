import { sha256Hex } from '../core/sha256.ts';
import type { User } from '../core/user.ts';
import type { AppDeps } from './app-env.ts';
import { cachedUserBy } from './user-auth.ts';

/** The shape newApiKey() makes; anything else is not a token, so it is not even hashed. */
const TOKEN = /^cvn_[A-Za-z0-9_-]{43}$/;

/**
 * The user a calendar, feed or page URL belongs to. The token is the only secret in those URLs
 * (calendar apps cannot send headers), so an unknown one and a malformed one look the same: null,
 * which the routes answer with 404.
 */
export async function userByFeedToken(deps: AppDeps, token: string): Promise<User | null> {
  if (!TOKEN.test(token)) return null;
  return cachedUserBy(deps, 'feed-token', sha256Hex(token));
}
