import type { Recommendations } from '../core/ranking.ts';
import { DEFAULT_WEIGHTS } from '../core/ranking.ts';
import type { VenueAction, VenueFeedback, VenueRecommendations } from '../core/venue.ts';
import { rankVenues } from '../score/venues/rank-venues.ts';
import { type RankingInputs, type RecommendDeps, type RecommendInput, rankingInputs, recommend } from './recommend.ts';
import { sharedVenueDirectory, sharedVenueIndex } from './shared-venues.ts';

/**
 * Ranked venues with reasons, and what the ranking warns about (a profile city or country it cannot
 * place, contacts it could not read), which picks carry in gaps.warnings. `gathered` when the caller
 * already gathered the ranking's inputs for the picks of the same request (the page).
 */
export async function rankedVenues(
  deps: RecommendDeps,
  input: RecommendInput,
  gathered?: RankingInputs,
): Promise<{ recommendations: VenueRecommendations; warnings: string[] }> {
  const inputs = gathered ?? (await rankingInputs(deps, input));
  const venues = rankVenues({
    ...inputs,
    index: await sharedVenueIndex(deps.store, inputs.catalog),
    weights: input.weights ?? DEFAULT_WEIGHTS,
    nowMs: inputs.window.fromMs,
    limit: input.limit,
  });
  return {
    recommendations: { generatedAt: new Date(inputs.nowMs).toISOString(), venues },
    warnings: inputs.gaps.warnings,
  };
}

/** Ranked venues with reasons: `convene venues` and the API alike. */
export async function recommendVenues(
  deps: RecommendDeps,
  input: RecommendInput,
  gathered?: RankingInputs,
): Promise<VenueRecommendations> {
  return (await rankedVenues(deps, input, gathered)).recommendations;
}

export class UnknownVenueError extends Error {}

/**
 * Stores a follow or a dismissal. The venue is looked up among every venue the store knows (its id
 * comes from `convene venues` or the API, whatever window or --now that used), so its name is kept
 * with the word for later messages.
 */
export async function recordVenueFeedback(
  deps: RecommendDeps,
  input: { userKey: string; venueId: string; action: VenueAction },
): Promise<VenueFeedback> {
  const venue = (await sharedVenueDirectory(deps.store)).byId.get(input.venueId);
  if (!venue)
    throw new UnknownVenueError(`no venue with id ${input.venueId} (see \`convene venues\` or the venues API)`);
  const feedback: VenueFeedback = {
    userKey: input.userKey,
    venueId: input.venueId,
    name: venue.name,
    action: input.action,
    at: new Date(deps.clock.now()).toISOString(),
  };
  await deps.store.addVenueFeedback(feedback);
  return feedback;
}

/** Picks and venues of one request (the page) from one gathering of the ranking's inputs. */
export async function recommendWithVenues(
  deps: RecommendDeps,
  input: RecommendInput,
  venueLimit: number,
): Promise<{ picks: Recommendations; venues: VenueRecommendations }> {
  const inputs = await rankingInputs(deps, input);
  const picks = await recommend(deps, input, inputs);
  return { picks, venues: await recommendVenues(deps, { ...input, limit: venueLimit }, inputs) };
}
