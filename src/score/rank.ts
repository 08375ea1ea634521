import { valueMs } from '../core/dates.ts';
import type { StoredEvent } from '../core/event.ts';
import { eventFields } from '../core/event-fields.ts';
import type { Feedback } from '../core/feedback.ts';
import type { Gaps } from '../core/gaps.ts';
import type { Lexicon } from '../core/lexicon.ts';
import type { Profile } from '../core/profile.ts';
import type { Pick, PickEvent, RankingWeights } from '../core/ranking.ts';
import { buildIndex } from './bm25-index.ts';
import { interestQuery } from './interest-query.ts';
import { reachOf } from './reach.ts';
import { type ReasonContext, reasonsFor } from './reasons.ts';
import { type Scored, selectPicks } from './select.ts';
import { type ShareCandidate, shareHints } from './share-with.ts';

export interface RankInput {
  profile: Profile;
  events: StoredEvent[];
  gaps: Gaps;
  contacts: ShareCandidate[];
  feedback: Feedback[];
  weights: RankingWeights;
  lexicon: Lexicon;
  nowMs: number;
  limit: number;
}

export function toPickEvent(e: StoredEvent): PickEvent {
  return {
    id: e.id,
    title: e.title,
    start: e.start,
    end: e.end,
    url: e.url,
    city: e.city,
    country: e.country,
    online: e.online,
    kind: e.kind,
    topics: e.topics,
    cfp: e.cfp,
    sources: e.sources,
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
 * Hard filters first (past, undated, cancelled, dismissed, out of reach), then every remaining event
 * gets its reasons, then the picks are chosen for quality over quantity. A pick's score is exactly
 * the sum of its reasons.
 */
export function rankEvents(input: RankInput): { picks: Pick[]; giveFirst: Pick[] } {
  const { profile, nowMs } = input;
  const latest = new Map<string, Feedback>();
  for (const f of input.feedback) latest.set(f.eventId, f);
  const dismissed = [...latest.values()].filter((f) => f.action === 'not-interested');
  const dismissedIds = new Set(dismissed.map((f) => f.eventId));
  const candidates = input.events.filter(
    (e) =>
      e.status === 'confirmed' && e.start !== null && valueMs(e.start) >= nowMs - 3_600_000 && !dismissedIds.has(e.id),
  );
  const index = buildIndex(candidates.map((e) => ({ title: e.title, topics: e.topics, description: e.description })));
  const queries = profile.interests.filter((i) => i.weight > 0).map((i) => interestQuery(i, input.lexicon));
  const scores = queries.map((q) => {
    const values = index.score(q.terms);
    let max = 0;
    for (const v of values) if (v > max) max = v;
    return { values, max };
  });
  const ctx: ReasonContext = {
    profile,
    weights: input.weights,
    lexicon: input.lexicon,
    gaps: input.gaps,
    queries,
    scores,
    feedbackByEvent: latest,
    dismissed,
    nowMs,
  };
  const scored: Scored[] = [];
  const giveFirstIds = new Set(input.gaps.giveFirst.opportunities.map((o) => o.eventId));
  const giveFirst: Scored[] = [];
  candidates.forEach((event, i) => {
    const fields = eventFields(event, input.lexicon);
    const reach = reachOf(event, profile);
    const reasons = reasonsFor(event, i, fields, reach, ctx);
    const entry: Scored = {
      event,
      fields,
      reasons,
      score: reasons.reduce((sum, r) => sum + r.weight, 0),
      inPerson: event.online === false || (event.online === 'hybrid' && reach.kind === 'near'),
      pinned: latest.get(event.id)?.action === 'going',
    };
    // Far-away events can still be given to (a talk, a remote review), so they stay in give-first.
    if (giveFirstIds.has(event.id)) giveFirst.push(entry);
    const reachable =
      reach.kind === 'near' || reach.kind === 'unknown' || (reach.kind === 'online' && profile.travel.online);
    const relevant = reasons.some(
      (r) => r.kind === 'interest' || r.kind === 'coverage-gap' || r.kind === 'maintenance' || r.kind === 'give-first',
    );
    if ((reachable && relevant) || entry.pinned) scored.push(entry);
  });
  return {
    picks: selectPicks(scored, profile, input.limit).map((s) => toPick(s, input)),
    giveFirst: giveFirst
      .sort((a, b) => b.score - a.score)
      .slice(0, input.limit)
      .map((s) => toPick(s, input)),
  };
}
