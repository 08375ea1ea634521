import type { Recommendations } from '../core/ranking.ts';
import type { User } from '../core/user.ts';
import type { VenueRecommendations } from '../core/venue.ts';
import { userFeedbackKey } from '../usecases/feedback.ts';
import { freshness } from '../usecases/freshness.ts';
import { type RecommendInput, recommend } from '../usecases/recommend.ts';
import { recommendVenues, recommendWithVenues } from '../usecases/venues.ts';
import type { AppDeps } from './app-env.ts';

type Window = { limit: number; fromMs?: number | undefined; toMs?: number | undefined };

function rankingDeps(deps: AppDeps) {
  return {
    store: deps.store,
    clock: deps.clock,
    ...(deps.geocoder ? { geocoder: deps.geocoder } : {}),
    ...(deps.derived ? { derived: deps.derived } : {}),
  };
}

/** A stored user's profile, contacts and feedback as the ranking reads them. */
function rankingInput(user: User, window: Window): RecommendInput {
  return {
    profile: user.profile,
    contacts: user.profile.contacts,
    userKey: userFeedbackKey(user.id),
    limit: window.limit,
    ...(window.fromMs !== undefined ? { fromMs: window.fromMs } : {}),
    ...(window.toMs !== undefined ? { toMs: window.toMs } : {}),
  };
}

/** A stored user's picks, uncached: their profile, contacts and feedback, the app's store, clock and places. */
export function recommendForUser(deps: AppDeps, user: User, window: Window): Promise<Recommendations> {
  return recommend(rankingDeps(deps), rankingInput(user, window));
}

/** A stored user's venues, uncached. */
export function venuesForUser(deps: AppDeps, user: User, window: Window): Promise<VenueRecommendations> {
  return recommendVenues(rankingDeps(deps), rankingInput(user, window));
}

/**
 * What a page, calendar or feed shows of a stored user, computed once per state of what it depends on
 * (profile, stored events and feedback, the hour) rather than once per request, in the app's cache.
 */
async function perState<T>(deps: AppDeps, user: User, what: string, compute: () => Promise<T>): Promise<T> {
  const fresh = await freshness(deps, user);
  const key = fresh.key('result', what);
  const hit = deps.cache.get<T>(key);
  if (hit !== undefined) return hit;
  const result = await compute();
  deps.cache.set(key, result, { owner: fresh.owner });
  return result;
}

export function userRecommendations(deps: AppDeps, user: User, limit: number): Promise<Recommendations> {
  return perState(deps, user, `picks|${limit}`, () => recommendForUser(deps, user, { limit }));
}

/** The page's picks and venues, ranked from one gathering of the user's inputs. */
export function userPicksAndVenues(
  deps: AppDeps,
  user: User,
  limit: number,
  venueLimit: number,
): Promise<{ picks: Recommendations; venues: VenueRecommendations }> {
  return perState(deps, user, `page|${limit}|${venueLimit}`, () =>
    recommendWithVenues(rankingDeps(deps), rankingInput(user, { limit }), venueLimit),
  );
}
