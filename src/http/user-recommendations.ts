import type { Recommendations } from '../core/ranking.ts';
import type { User } from '../core/user.ts';
import { userFeedbackKey } from '../usecases/give-feedback.ts';
import { recommend } from '../usecases/recommend.ts';
import type { AppDeps } from './app-env.ts';

/** A stored user's picks, uncached: their profile, contacts and feedback, the app's store, clock and places. */
export function recommendForUser(
  deps: AppDeps,
  user: User,
  window: { limit: number; fromMs?: number | undefined; toMs?: number | undefined },
): Promise<Recommendations> {
  return recommend(
    { store: deps.store, clock: deps.clock, ...(deps.geocoder ? { geocoder: deps.geocoder } : {}) },
    {
      profile: user.profile,
      contacts: user.profile.contacts,
      userKey: userFeedbackKey(user.id),
      limit: window.limit,
      ...(window.fromMs !== undefined ? { fromMs: window.fromMs } : {}),
      ...(window.toMs !== undefined ? { toMs: window.toMs } : {}),
    },
  );
}

const caches = new WeakMap<AppDeps, Map<string, { fingerprint: string; result: Recommendations }>>();

/**
 * A stored user's picks, as the page, calendars and feeds show them, computed once per state of what
 * they depend on (profile, stored events and feedback, the hour) rather than once per request.
 */
export async function userRecommendations(deps: AppDeps, user: User, limit: number): Promise<Recommendations> {
  let cache = caches.get(deps);
  if (!cache) {
    cache = new Map();
    caches.set(deps, cache);
  }
  const key = `${user.id}|${limit}`;
  const fingerprint = `${user.updatedAt}|${await deps.store.changeStamp()}|${Math.floor(deps.clock.now() / 3_600_000)}`;
  const hit = cache.get(key);
  if (hit?.fingerprint === fingerprint) return hit.result;
  const result = await recommendForUser(deps, user, { limit });
  if (cache.size > 10_000) cache.clear();
  cache.set(key, { fingerprint, result });
  return result;
}
