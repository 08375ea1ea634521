import type { StoredEvent } from '../core/event.ts';
import type { Feedback } from '../core/feedback.ts';
import type { Gaps } from '../core/gaps.ts';
import type { Lexicon } from '../core/lexicon.ts';
import type { Profile } from '../core/profile.ts';
import type { Pick, PickEvent, RankingWeights } from '../core/ranking.ts';
import type { EventCatalog } from './catalog.ts';
import { interestQuery } from './interest-query.ts';
import { reachOf } from './reach.ts';
import { type ReasonContext, reasonIndexes, reasonsFor } from './reasons.ts';
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
}

/**
 * A value such that at least `keep` entries are at or above it and not many more: the lower edge of the
 * 1/1024th-wide bucket where the running count from the top passes `keep`.
 */
function topThreshold(values: Float32Array, keep: number): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  if (max <= 0) return Number.MIN_VALUE;
  const buckets = new Uint32Array(1024);
  const scale = 1023 / max;
  for (let i = 0; i < values.length; i++) if (values[i]! > 0) buckets[Math.floor(values[i]! * scale)]!++;
  let count = 0;
  for (let b = 1023; b >= 0; b--) {
    count += buckets[b]!;
    if (count >= keep) return Math.max(Number.MIN_VALUE, b / scale);
  }
  return Number.MIN_VALUE;
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
    reasons: s.reasons,
    shareWith: shareHints(s.event, s.fields, input.contacts, input.lexicon),
  };
}

/**
 * Hard filters first (past, undated, cancelled, dismissed, out of reach), then a cheap bound on every
 * remaining event's score from typed arrays, then full reasons for the best candidates only, then the
 * picks chosen for quality over quantity. A pick's score is exactly the sum of its reasons.
 */
export function rankEvents(input: RankInput): { picks: Pick[]; giveFirst: Pick[] } {
  const { profile, nowMs, catalog, weights } = input;
  const latest = new Map<string, Feedback>();
  for (const f of input.feedback) latest.set(f.eventId, f);
  const dismissed = [...latest.values()].filter((f) => f.action === 'not-interested');
  const dismissedIds = new Set(dismissed.map((f) => f.eventId));
  const queries = profile.interests.filter((i) => i.weight > 0).map((i) => interestQuery(i, input.lexicon));
  const scores = queries.map((q, n) => {
    catalog.scratch[n] ??= new Float32Array(catalog.events.length);
    return catalog.text.score(q.terms, catalog.scratch[n]);
  });
  const ctx: ReasonContext = {
    profile,
    weights,
    lexicon: input.lexicon,
    gaps: input.gaps,
    queries,
    scores,
    feedbackByEvent: latest,
    dismissed,
    nowMs,
    ...reasonIndexes(input.gaps, catalog.indexOf, catalog.events.length),
  };

  const gapFields = new Set(input.gaps.coverage.map((g) => g.field));
  const overdueFields = new Set(input.gaps.maintenance.overdue.flatMap((m) => m.fields));
  const maxWeight = Math.max(...profile.interests.map((i) => i.weight), 1);
  const queryShare = queries.map((q) => q.interest.weight / maxWeight);

  // Per-event flags as typed arrays: the pass below touches every event and must not look up strings.
  const { events, startMs, confirmed, fieldIds } = catalog;
  const flag = (ids: Iterable<string>) => {
    const flags = new Uint8Array(events.length);
    for (const id of ids) {
      const i = catalog.indexOf.get(id);
      if (i !== undefined) flags[i] = 1;
    }
    return flags;
  };
  const isPinned = flag([...latest.values()].filter((f) => f.action === 'going').map((f) => f.eventId));
  const isDismissed = flag(dismissedIds);
  const fieldSignal = new Float32Array(catalog.fieldNames.length);
  catalog.fieldNames.forEach((name, f) => {
    fieldSignal[f] =
      (gapFields.has(name) ? weights.coverageGap : 0) + (overdueFields.has(name) ? weights.maintenance * 1.5 : 0);
  });
  // One pass over every event for a cheap upper bound: text relevance of each interest (scaled as its
  // reason will be) plus the field-level signals; no strings, only typed arrays.
  const live = scores.map((score, q) => ({ score, q })).filter(({ score }) => score.max > 0);
  const values = live.map(({ score }) => score.values);
  const shares = Float32Array.from(live.map(({ score, q }) => (queryShare[q]! * weights.interest) / score.max));
  const bound = new Float32Array(events.length);
  const earliest = nowMs - 3_600_000;
  const giveFirstAt = ctx.giveFirstAt;
  let positive = 0;
  for (let i = 0; i < events.length; i++) {
    const pinned = isPinned[i] === 1;
    if (!pinned && (isDismissed[i] === 1 || !(startMs[i]! >= earliest) || confirmed[i] !== 1)) continue;
    let text = 0;
    for (let q = 0; q < values.length; q++) text += values[q]![i]! * shares[q]!;
    let signals = giveFirstAt[i]! > 0 ? weights.giveFirst : 0;
    for (let k = fieldIds.offsets[i]!; k < fieldIds.offsets[i + 1]!; k++)
      signals = Math.max(signals, fieldSignal[fieldIds.values[k]!]!);
    bound[i] = text + signals + (pinned ? weights.going : 0);
    if (bound[i]! > 0) positive++;
  }
  // The best `keep` by bound: a histogram finds the threshold in two linear passes, then one pass collects.
  const keep = Math.max(MIN_CANDIDATES, input.limit * CANDIDATES_PER_PICK);
  const threshold = positive > keep ? topThreshold(bound, keep) : Number.MIN_VALUE;
  const chosen: number[] = [];
  for (let i = 0; i < bound.length && chosen.length < keep; i++)
    if (bound[i]! >= threshold && bound[i]! > 0) chosen.push(i);
  const scored: Scored[] = [];
  const full = (i: number): Scored & { reachable: boolean } => {
    const event = events[i]!;
    const fields = catalog.fieldsOf(i);
    const reach = reachOf(event, profile);
    const reasons = reasonsFor(event, i, fields, catalog.foldedTextOf(i), reach, ctx);
    return {
      event,
      fields,
      reasons,
      score: reasons.reduce((sum, r) => sum + r.weight, 0),
      inPerson: event.online === false || (event.online === 'hybrid' && reach.kind === 'near'),
      pinned: latest.get(event.id)?.action === 'going',
      reachable:
        reach.kind === 'near' || reach.kind === 'unknown' || (reach.kind === 'online' && profile.travel.online),
    };
  };
  for (const index of chosen) {
    const entry = full(index);
    const reachable = entry.reachable;
    const relevant = entry.reasons.some(
      (r) => r.kind === 'interest' || r.kind === 'coverage-gap' || r.kind === 'maintenance' || r.kind === 'give-first',
    );
    if ((reachable && relevant) || entry.pinned) scored.push(entry);
  }
  // Far-away events can still be given to (a talk, a remote review), so they stay in give-first.
  // Opportunities come soonest deadline first; only the first few can make the list, so only they get reasons.
  const giveFirst = input.gaps.giveFirst.opportunities
    .slice(0, input.limit * 2)
    .map((o) => catalog.indexOf.get(o.eventId))
    .filter((i): i is number => i !== undefined && isDismissed[i] !== 1)
    .map(full)
    .sort((a, b) => b.score - a.score)
    .slice(0, input.limit);
  return {
    picks: selectPicks(scored, profile, input.limit).map((s) => toPick(s, input)),
    giveFirst: giveFirst.map((s) => toPick(s, input)),
  };
}
