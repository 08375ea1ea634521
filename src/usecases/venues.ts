import { defaultLexicon } from '../core/lexicon.ts';
import { DEFAULT_WEIGHTS } from '../core/ranking.ts';
import type { VenueAction, VenueFeedback, VenueRecommendations } from '../core/venue.ts';
import { defaultWindow } from '../core/window.ts';
import { rankVenues } from '../score/venues/rank-venues.ts';
import { venueEventsIn } from '../score/venues/venue-index.ts';
import { venueName } from '../score/venues/venue-key.ts';
import { type RecommendDeps, type RecommendInput, rankingInputs } from './recommend.ts';
import { sharedCatalog } from './shared-catalog.ts';
import { sharedVenueIndex } from './shared-venues.ts';

/** Ranked venues with reasons: `convene venues` and the API alike. */
export async function recommendVenues(deps: RecommendDeps, input: RecommendInput): Promise<VenueRecommendations> {
  const inputs = await rankingInputs(deps, input);
  const venues = rankVenues({
    ...inputs,
    index: sharedVenueIndex(inputs.catalog),
    weights: input.weights ?? DEFAULT_WEIGHTS,
    nowMs: inputs.window.fromMs,
    limit: input.limit,
  });
  return { generatedAt: new Date(inputs.nowMs).toISOString(), venues };
}

export class UnknownVenueError extends Error {}

/**
 * Stores a follow or a dismissal. The venue must have upcoming events (its id comes from `convene
 * venues` or the API), so its name is kept with the word for later messages.
 */
export async function recordVenueFeedback(
  deps: RecommendDeps,
  input: { userKey: string; venueId: string; action: VenueAction },
): Promise<VenueFeedback> {
  const nowMs = deps.clock.now();
  const window = { fromMs: nowMs, toMs: defaultWindow(nowMs).toMs };
  // The same catalog the default ranking reads (same window, same places), so it is not built twice.
  const geocoder = deps.geocoder ? await deps.geocoder() : null;
  const index = sharedVenueIndex(await sharedCatalog(deps.store, defaultLexicon(), geocoder, window));
  const v = index.byId.get(input.venueId);
  const upcoming = v === undefined ? [] : venueEventsIn(index, v, window);
  if (v === undefined || upcoming.length === 0)
    throw new UnknownVenueError(`no venue with id ${input.venueId} (see \`convene venues\` or the venues API)`);
  const feedback: VenueFeedback = {
    userKey: input.userKey,
    venueId: input.venueId,
    name: venueName(upcoming.map((i) => index.catalog.events[i]!)),
    action: input.action,
    at: new Date(nowMs).toISOString(),
  };
  await deps.store.addVenueFeedback(feedback);
  return feedback;
}
