import type { Reason } from '../../core/ranking.ts';
import type { Cadence, VenueChoice, VenueFeedback } from '../../core/venue.ts';
import { withLearnedText } from '../learned-signal.ts';
import { type Candidate, isRelevant, type RankInput, type Ranking, startRanking } from '../rank.ts';
import { giveFirstReason } from '../reasons.ts';
import { shareHints } from '../share-with.ts';
import { describeVenue, membersOf, type VenueIndex, venueCadence, venueEventsIn } from './venue-index.ts';
import { followedVenueReason, regularityReason } from './venue-reasons.ts';

export interface VenueRankInput extends Omit<RankInput, 'venues'> {
  index: VenueIndex;
  venueFeedback: VenueFeedback[];
}

/** Full reasons are written for the venues of this many of the best events per venue asked for. */
const EVENTS_PER_VENUE = 8;
const MIN_EVENTS = 200;
/** Reasons about one date, not about the place: they do not carry over to a venue. */
const EVENT_ONLY: ReadonlySet<Reason['kind']> = new Set(['deadline', 'feedback', 'following']);

/** Every event of the venues the user dismissed, as this index's event numbers. */
export function dismissedEvents(index: VenueIndex, word: ReadonlyMap<string, VenueFeedback>): number[] {
  const excluded: number[] = [];
  for (const f of word.values()) {
    const v = index.byId.get(f.venueId);
    if (f.action === 'not-interested' && v !== undefined) excluded.push(...membersOf(index, v));
  }
  return excluded;
}

/** The latest word per venue. */
export function latestVenueWord(feedback: readonly VenueFeedback[]): Map<string, VenueFeedback> {
  const latest = new Map<string, VenueFeedback>();
  for (const f of feedback) latest.set(f.venueId, f);
  return latest;
}

/**
 * Venues ranked like picks: the events' bounds find the venues worth writing reasons for (a venue is as
 * promising as its best event), each gets the reasons of its best event that apply to a place, plus its
 * rhythm, a give-first role any of its dates offers, and following. Score = sum of the reasons. The same
 * travel and online limits as picks; dismissed venues are left out, followed ones always kept.
 */
export function rankVenues(input: VenueRankInput): VenueChoice[] {
  const { index } = input;
  const keep = Math.max(MIN_EVENTS, (input.limit + 1) * EVENTS_PER_VENUE);
  const word = latestVenueWord(input.venueFeedback);
  // A dismissed venue's events would only take candidate places from venues that can be shown.
  const excluded = dismissedEvents(index, word);
  const ranking = startRanking({ ...input, candidates: keep, venues: { following: new Map(), next: [], excluded } });
  try {
    return venuesOf(input, ranking, word);
  } finally {
    ranking.release();
  }
}

function venuesOf(input: VenueRankInput, ranking: Ranking, word: ReadonlyMap<string, VenueFeedback>): VenueChoice[] {
  const { index, profile, weights } = input;
  const { bound, chosen, ctx, full } = ranking;
  const best = new Map<number, number>();
  for (const i of chosen) {
    const v = index.venueOf[i]!;
    const known = best.get(v);
    if (v >= 0 && (known === undefined || bound[i]! > bound[known]!)) best.set(v, i);
  }
  const window = {
    fromMs: Math.max(input.nowMs, input.window?.fromMs ?? input.nowMs),
    toMs: input.window?.toMs ?? Number.POSITIVE_INFINITY,
  };
  for (const f of word.values()) {
    const v = index.byId.get(f.venueId);
    if (f.action === 'follow' && v !== undefined && !best.has(v)) {
      const next = venueEventsIn(index, v, window)[0];
      if (next !== undefined) best.set(v, next);
    }
  }
  // Scores first, from the representative's reasons and the dates' rhythm; only the venues shown are described.
  const scored: { v: number; upcoming: number[]; cadence: Cadence; reasons: Reason[]; candidate: Candidate }[] = [];
  for (const [v, representative] of best) {
    const said = word.get(index.ids[v]!)?.action;
    if (said === 'not-interested') continue;
    // A venue is a gathering people go back to: a one-off event is a pick, not a venue.
    if (said !== 'follow' && !index.records[v]!.recurring) continue;
    const upcoming = venueEventsIn(index, v, window);
    if (upcoming.length === 0) continue;
    const candidate = full(representative);
    if (!(said === 'follow' || (candidate.reachable && isRelevant(candidate, ctx.queries)))) continue;
    const cadence = venueCadence(index, v);
    const reasons = candidate.reasons.filter((r) => !EVENT_ONLY.has(r.kind));
    if (!reasons.some((r) => r.kind === 'give-first')) {
      const offering = upcoming.find((i) => ctx.giveFirstAt[i]! > 0);
      const give = offering === undefined ? null : giveFirstReason(offering, ctx);
      if (give) reasons.push(give);
    }
    const rhythm = regularityReason(cadence, profile, weights);
    if (rhythm) reasons.push(rhythm);
    if (said === 'follow') reasons.push(followedVenueReason(index.records[v]!.name, weights));
    scored.push({ v, upcoming, cadence, reasons, candidate });
  }
  const choices: VenueChoice[] = scored
    .map((s) => ({ ...s, score: Math.round(s.reasons.reduce((sum, r) => sum + r.weight, 0) * 100) / 100 }))
    .sort(
      (a, b) => b.score - a.score || index.catalog.spanOf(a.upcoming[0]!)[0] - index.catalog.spanOf(b.upcoming[0]!)[0],
    )
    .slice(0, input.limit)
    .map(({ v, upcoming, cadence, reasons, candidate, score }) => ({
      venue: describeVenue(index, v, upcoming, cadence),
      score,
      // A learned reason's words are worked out only for what is shown, as for picks.
      reasons: reasons.map(withLearnedText),
      shareWith: shareHints(candidate.fields, candidate.foldedText, input.contacts, input.lexicon),
    }));
  return choices;
}
