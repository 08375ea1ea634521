import type { StoredEvent } from '../core/event.ts';
import type { Feedback } from '../core/feedback.ts';
import type { Gaps } from '../core/gaps.ts';
import type { Lexicon } from '../core/lexicon.ts';
import type { Profile } from '../core/profile.ts';
import type { Pick, PickEvent, RankingWeights, Reason } from '../core/ranking.ts';
import { inWindow, type TimeWindow } from '../core/window.ts';
import { boundCandidates } from './candidates.ts';
import type { EventCatalog } from './catalog.ts';
import { interestQuery } from './interest-query.ts';
import { interestScores } from './interest-scores.ts';
import { learnedWeight, withLearnedText } from './learned-signal.ts';
import type { RankingScratch } from './ranking-scratch.ts';
import { reachOf } from './reach.ts';
import {
  followingReason,
  interestShares,
  overdueContacts,
  type ReasonContext,
  reasonsFor,
  sharedReasons,
} from './reasons.ts';
import { type Scored, selectPicks } from './select.ts';
import { type ShareCandidate, shareHints } from './share-with.ts';

export interface RankInput {
  profile: Profile;
  catalog: EventCatalog;
  gaps: Gaps;
  contacts: ShareCandidate[];
  feedback: Feedback[];
  weights: RankingWeights;
  lexicon: Lexicon;
  nowMs: number;
  limit: number;
  /** How many events, best by the cheap bound, get full reasons (default: see CANDIDATES_PER_PICK). */
  candidates?: number;
  /**
   * Rank only events starting in this window, when the catalog holds a wider one (see sharedCatalog):
   * the picks, pinned events and each interest's best score (which scales its reasons) stay inside it.
   */
  window?: TimeWindow;
  /** What the user said about venues, as event numbers of this catalog (see VenueSteer). */
  venues?: VenueSteer;
}

/**
 * Each followed venue's next event in the window (with its venue's name, for the following reason),
 * which is kept like an event the user is going to, and its later dates for the calendar; and every
 * event of a dismissed venue, which is left out like a dismissed event.
 */
export interface VenueSteer {
  following: ReadonlyMap<number, string>;
  next: readonly number[];
  /** Followed venues' later dates, for the calendar only: no following reason, so no bound to keep. */
  later?: readonly number[];
  excluded: readonly number[];
}

/** Full reasons are written for this many of the best candidates per pick asked for; the rest cannot reach the list. */
const CANDIDATES_PER_PICK = 4;
const MIN_CANDIDATES = 200;

export function toPickEvent(e: StoredEvent): PickEvent {
  return {
    id: e.id,
    title: e.title,
    start: e.start,
    end: e.end,
    url: e.url,
    city: e.city,
    country: e.country,
    location: e.location.text,
    online: e.online,
    kind: e.kind,
    topics: e.topics,
    cfp: e.cfp,
    sources: e.sources,
    lastChanged: e.lastChanged,
  };
}

function toPick(s: Scored, input: RankInput): Pick {
  return {
    event: toPickEvent(s.event),
    score: Math.round(s.score * 100) / 100,
    reasons: s.reasons.map(withLearnedText),
    shareWith: shareHints(s.fields, s.foldedText, input.contacts, input.lexicon),
  };
}

/** Event i with its reasons, as far as the filters need them. */
export type Candidate = Scored & { reachable: boolean };

/** One ranking's shared work: the reason context, every event's bound, the best candidates, full reasons on demand. */
export interface Ranking {
  ctx: ReasonContext;
  /** Per event, the cheap upper bound of its score (0 when past, out of the window or dismissed). */
  bound: Float32Array;
  chosen: number[];
  dismissedIds: Set<string>;
  opportunityAt: Int32Array;
  /** Event i's full reasons, written once per ranking; throws once the ranking is released. */
  full(i: number): Candidate;
  /** Gives the ranking's arrays back to the catalog for the next ranking: nothing of it is read afterwards. */
  release(): void;
}

/**
 * Hard filters first (past, undated, cancelled, dismissed, out of reach), then a cheap bound on every
 * remaining event's score from typed arrays, then full reasons for the candidates asked for only.
 * The ranking holds its own scratch from the catalog until `release`.
 */
export function startRanking(input: RankInput): Ranking {
  const scratch = input.catalog.scratch.acquire();
  try {
    return rankingWith(input, scratch);
  } catch (error) {
    input.catalog.scratch.release(scratch);
    throw error;
  }
}

function rankingWith(input: RankInput, scratch: RankingScratch): Ranking {
  const { profile, nowMs, catalog, weights } = input;
  const latest = new Map<string, Feedback>();
  for (const f of input.feedback) latest.set(f.eventId, f);
  const dismissed = [...latest.values()].filter((f) => f.action === 'not-interested');
  const dismissedIds = new Set(dismissed.map((f) => f.eventId));
  const queries = profile.interests.filter((i) => i.weight > 0).map((i) => interestQuery(i, input.lexicon));
  const window = input.window;
  const { scores, learned } = interestScores(catalog, queries, window, scratch);
  const opportunityAt = catalog.numbersOf(input.gaps.giveFirst.opportunities);
  const giveFirstAt = scratch.positionsIn(opportunityAt);
  const ctx: ReasonContext = {
    profile,
    weights,
    lexicon: input.lexicon,
    gaps: input.gaps,
    queries,
    scores,
    interestShares: interestShares(queries, profile),
    learned,
    learnedByEvent: catalog.learnedByEvent,
    learnedField: queries.map((q) => catalog.learnedByEvent.fields.indexOf(q.field)),
    feedbackByEvent: latest,
    dismissed,
    nowMs,
    overdue: overdueContacts(input.gaps),
    giveFirstAt,
    fieldSetOf: catalog.fieldSets.ofEvent,
    shared: sharedReasons(),
  };
  const indexesOf = (ids: Iterable<string>) =>
    [...ids].map((id) => catalog.indexOf.get(id)).filter((i): i is number => i !== undefined);
  const inRankWindow = (i: number) => !window || inWindow(window, catalog.rankableStartMs[i]!);
  const following = input.venues?.following;
  const followedNext = new Set(input.venues?.next ?? []);

  const gapFields = new Set(input.gaps.coverage.map((g) => g.field));
  const overdueFields = new Set(input.gaps.maintenance.overdue.flatMap((m) => m.fields));
  const chosen = boundCandidates({
    catalog,
    bound: scratch.bound,
    scores,
    shares: scores.map(({ max }, q) => (max > 0 ? (ctx.interestShares[q]! * weights.interest) / max : 0)),
    learned: learned.map((column, q) => ({ column, weight: learnedWeight(1, ctx.interestShares[q]!, weights) })),
    fieldSignal: catalog.fieldSets.names.map(
      (name) =>
        (gapFields.has(name) ? weights.coverageGap : 0) + (overdueFields.has(name) ? weights.maintenance * 1.5 : 0),
    ),
    opportunityAt,
    giveFirstAt,
    weights,
    earliestMs: Math.max(nowMs - 3_600_000, window?.fromMs ?? Number.NEGATIVE_INFINITY),
    latestMs: window?.toMs ?? Number.POSITIVE_INFINITY,
    dismissed: [...indexesOf(dismissedIds), ...(input.venues?.excluded ?? [])],
    pinned: [
      ...indexesOf([...latest.values()].filter((f) => f.action === 'going').map((f) => f.eventId)),
      ...followedNext,
    ].filter(inRankWindow),
    keep: input.candidates ?? Math.max(MIN_CANDIDATES, input.limit * CANDIDATES_PER_PICK),
  });
  const { events } = catalog;
  // Picks, give-first and venues may ask for the same event; its reasons are written once.
  const written = new Map<number, Candidate>();
  const writeReasons = (i: number): Candidate => {
    const event = events[i]!;
    const fields = catalog.fieldsOf(i);
    const reach = reachOf(event, profile);
    const foldedText = catalog.foldedTextOf(i);
    const reasons = reasonsFor(event, i, fields, foldedText, reach, ctx);
    const venue = following?.get(i);
    if (venue !== undefined) reasons.push(followingReason(venue, weights));
    return {
      event,
      fields,
      foldedText,
      reasons,
      score: reasons.reduce((sum, r) => sum + r.weight, 0),
      span: catalog.spanOf(i),
      inPerson: event.online === false || (event.online === 'hybrid' && reach.kind === 'near'),
      pinned: latest.get(event.id)?.action === 'going' || followedNext.has(i),
      reachable:
        reach.kind === 'near' || reach.kind === 'unknown' || (reach.kind === 'online' && profile.travel.online),
    };
  };
  let released = false;
  return {
    ctx,
    bound: scratch.bound,
    chosen,
    dismissedIds,
    opportunityAt,
    full(i) {
      const known = written.get(i);
      if (known) return known;
      // Reasons read the interest scores and give-first positions, which the next ranking overwrites.
      if (released) throw new Error('a released ranking cannot write reasons');
      const entry = writeReasons(i);
      written.set(i, entry);
      return entry;
    },
    release() {
      released = true;
      catalog.scratch.release(scratch);
    },
  };
}

/**
 * Whether an event serves the user at all: pleasant signals alone (near, fits a goal) do not make a pick,
 * and a thin network next to an interest adds weight to a pick but never makes one on its own.
 */
export function isRelevant(
  entry: { reasons: readonly Reason[]; fields: ReadonlySet<string> },
  queries: readonly { field: string }[],
): boolean {
  return entry.reasons.some(
    (r) =>
      r.kind === 'interest' ||
      r.kind === 'learned' ||
      r.kind === 'maintenance' ||
      r.kind === 'give-first' ||
      (r.kind === 'coverage-gap' && queries.some((q) => entry.fields.has(q.field))),
  );
}

/**
 * The best candidates with full reasons, then the picks chosen for quality over quantity. A pick's
 * score is exactly the sum of its reasons. Upcoming events of followed venues that are not picks come
 * apart, for the calendar.
 */
export function rankEvents(input: RankInput): RankedPicks {
  const ranking = startRanking(input);
  try {
    return finishRanking(ranking, input);
  } finally {
    ranking.release();
  }
}

export interface RankedPicks {
  picks: Pick[];
  giveFirst: Pick[];
  followed: Pick[];
}

/** The picks, give-first and followed venues' dates of a started ranking (see rankEvents). */
export function finishRanking(ranking: Ranking, input: RankInput): RankedPicks {
  const { catalog } = input;
  const { ctx, chosen, dismissedIds, opportunityAt, full } = ranking;
  const { events } = catalog;
  const excluded = new Set(input.venues?.excluded);
  const scored: Scored[] = [];
  for (const index of chosen) {
    const entry = full(index);
    if ((entry.reachable && isRelevant(entry, ctx.queries)) || entry.pinned) scored.push(entry);
  }
  // Far-away events can still be given to (a talk, a remote review), so they stay in give-first.
  // Opportunities come soonest deadline first; only the first few can make the list, so only they get reasons.
  const giveFirst = input.gaps.giveFirst.opportunities
    .slice(0, input.limit * 2)
    .map((_, k) => opportunityAt[k]!)
    .filter((i) => i >= 0 && !dismissedIds.has(events[i]!.id) && !excluded.has(i))
    .map(full)
    .sort((a, b) => b.score - a.score)
    .slice(0, input.limit);
  const picks = selectPicks(scored, input.profile, input.limit);
  const picked = new Set(picks.map((p) => p.event.id));
  const followed = [...(input.venues?.following.keys() ?? []), ...(input.venues?.later ?? [])]
    .map(full)
    .filter((c) => !picked.has(c.event.id))
    .sort((a, b) => a.span[0] - b.span[0]);
  return {
    picks: picks.map((s) => toPick(s, input)),
    giveFirst: giveFirst.map((s) => toPick(s, input)),
    followed: followed.map((s) => toPick(s, input)),
  };
}
