import type { Cache } from '../core/cache.ts';
import type { Recommendations } from '../core/ranking.ts';
import type { User } from '../core/user.ts';
import type { VenueRecommendations } from '../core/venue.ts';
import { userFeedbackKey } from './feedback.ts';
import { freshness } from './freshness.ts';
import { type RecommendDeps, type RecommendInput, recommend } from './recommend.ts';
import { recommendVenues, recommendWithVenues } from './venues.ts';

/** What ranking a stored user takes: the store, clock and places, and the app's cache for answers per state. */
export type UserRankingDeps = {
  store: RecommendDeps['store'];
  clock: RecommendDeps['clock'];
  cache: Cache;
  geocoder?: RecommendDeps['geocoder'] | undefined;
  derived?: RecommendDeps['derived'] | undefined;
};

type Window = { limit: number; fromMs?: number | undefined; toMs?: number | undefined };

function rankingDeps(deps: UserRankingDeps) {
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
export function recommendForUser(deps: UserRankingDeps, user: User, window: Window): Promise<Recommendations> {
  return recommend(rankingDeps(deps), rankingInput(user, window));
}

/** A stored user's venues, uncached. */
export function venuesForUser(deps: UserRankingDeps, user: User, window: Window): Promise<VenueRecommendations> {
  return recommendVenues(rankingDeps(deps), rankingInput(user, window));
}

/**
 * What a page, calendar or feed shows of a stored user, computed once per state of what it depends on
 * (profile, stored events and feedback, the hour) rather than once per request, in the app's cache.
 */
async function perState<T>(deps: UserRankingDeps, user: User, what: string, compute: () => Promise<T>): Promise<T> {
  const fresh = await freshness(deps, user);
  const key = fresh.key('result', what);
  const hit = deps.cache.get<T>(key);
  if (hit !== undefined) return hit;
  const result = await compute();
  deps.cache.set(key, result, { owner: fresh.owner });
  return result;
}

export function userRecommendations(deps: UserRankingDeps, user: User, limit: number): Promise<Recommendations> {
  return perState(deps, user, `picks|${limit}`, () => recommendForUser(deps, user, { limit }));
}

/** The page's picks and venues, ranked from one gathering of the user's inputs. */
export function userPicksAndVenues(
  deps: UserRankingDeps,
  user: User,
  limit: number,
  venueLimit: number,
): Promise<{ picks: Recommendations; venues: VenueRecommendations }> {
  return perState(deps, user, `page|${limit}|${venueLimit}`, () =>
    recommendWithVenues(rankingDeps(deps), rankingInput(user, { limit }), venueLimit),
  );
}
