import { cfpIsOpen } from '../core/cfp-state.ts';
import { valueMs } from '../core/dates.ts';
import type { StoredEvent } from '../core/event.ts';
import type { Feedback } from '../core/feedback.ts';
import { foldText } from '../core/fold-text.ts';
import type { Gaps } from '../core/gaps.ts';
import type { Lexicon } from '../core/lexicon.ts';
import type { Profile } from '../core/profile.ts';
import type { RankingWeights, Reason } from '../core/ranking.ts';
import type { InterestQuery } from './interest-query.ts';
import { type LearnedColumn, learnedReason } from './learned-signal.ts';
import type { Reach } from './reach.ts';
import { venueFitText } from './venue-fit.ts';

const DAY_MS = 86_400_000;
/** A call for papers closing within this many days earns a deadline reason. */
export const DEADLINE_DAYS = 14;
const MIN_INTEREST_SHARE = 0.15;

export interface ReasonContext {
  profile: Profile;
  weights: RankingWeights;
  lexicon: Lexicon;
  gaps: Gaps;
  queries: InterestQuery[];
  /** Per query, the BM25 score of every indexed event and the best score (to scale to 0..1). */
  scores: { values: Float32Array; max: number }[];
  /** Per query, what its interest weighs beside the strongest interest (0..1]. */
  interestShares: number[];
  /** Per query, the topic model's guesses for its field in this catalog (undefined: none). */
  learned: (LearnedColumn | undefined)[];
  feedbackByEvent: Map<string, Feedback>;
  dismissed: Feedback[];
  nowMs: number;
  /** Overdue contacts with their communities folded once per ranking, not once per event. */
  overdue: {
    item: Gaps['maintenance']['overdue'][number];
    ago: string;
    communities: { name: string; folded: string }[];
  }[];
  /** Per event index, 1 + the index of its give-first opportunity, or 0 (a byte-sized lookup, no strings). */
  giveFirstAt: Int32Array;
}

/** Overdue contacts with their communities folded for whole-word matching, once per ranking. */
export function overdueContacts(gaps: Gaps): ReasonContext['overdue'] {
  return gaps.maintenance.overdue.map((item) => ({
    item,
    ago: item.text.replace(/^.*? last seen /, '').replace(/,.*$/, ''),
    communities: item.communities.map((name) => ({ name, folded: ` ${foldText(name)} ` })),
  }));
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Each interest's share beside the strongest one, for the text part of the bound and the reasons alike. */
export function interestShares(queries: InterestQuery[], profile: Profile): number[] {
  const maxWeight = Math.max(...profile.interests.map((i) => i.weight), 1);
  return queries.map((query) => query.interest.weight / maxWeight);
}

/**
 * What an interest's text match weighs: its share of the best match, times the interest's share. A faint
 * match (under 15% of the best) is noise in an explanation: it neither counts nor shows (0).
 */
export function interestWeight(score: number, max: number, share: number, weights: RankingWeights): number {
  if (score <= 0 || max <= 0) return 0;
  // Judged on the interest's own relevance, not on how it weighs beside the user's other interests.
  const relevance = Math.min(1, score / max);
  return relevance >= MIN_INTEREST_SHARE ? weights.interest * relevance * share : 0;
}

function interestReasons(index: number, ctx: ReasonContext): Reason[] {
  const found: Reason[] = [];
  // Per reason, its interest and that interest's total weight: at most two interests speak for a pick,
  // each with its text and learned reasons.
  const queryOf: number[] = [];
  const totals: number[] = [];
  let interests = 0;
  for (let q = 0; q < ctx.queries.length; q++) {
    const { values, max } = ctx.scores[q]!;
    const weight = interestWeight(values[index]!, max, ctx.interestShares[q]!, ctx.weights);
    const learned = learnedReason(ctx.learned[q], index, ctx.interestShares[q]!, ctx.weights);
    if (weight <= 0 && !learned) continue;
    interests++;
    const total = Math.max(0, round(weight)) + (learned?.weight ?? 0);
    for (const reason of [
      weight > 0
        ? {
            kind: 'interest' as const,
            text: `matches your interest in ${ctx.queries[q]!.label}`,
            weight: round(weight),
          }
        : null,
      learned,
    ]) {
      if (!reason) continue;
      found.push(reason);
      queryOf.push(q);
      totals.push(total);
    }
  }
  if (interests > 2) {
    const best = [...new Set(queryOf)].sort(
      (a, b) => totals[queryOf.indexOf(b)]! - totals[queryOf.indexOf(a)]! || a - b,
    );
    const kept = new Set(best.slice(0, 2));
    return found.filter((_, k) => kept.has(queryOf[k]!)).sort((a, b) => b.weight - a.weight);
  }
  return found.length > 1 ? found.sort((a, b) => b.weight - a.weight) : found;
}

function coverageReason(fields: Set<string>, ctx: ReasonContext): Reason | null {
  const gaps = ctx.gaps.coverage.filter((g) => fields.has(g.field));
  if (gaps.length === 0) return null;
  const best = gaps[0]!;
  const top = ctx.gaps.coverage[0]?.score ?? best.score;
  const text = best.adjacentTo
    ? `widens your network next to ${ctx.lexicon.label(best.adjacentTo)}: no contacts in ${best.label} yet`
    : best.contacts === 0
      ? `you have no contacts in ${best.label} yet`
      : `you know only ${best.contacts} ${best.contacts === 1 ? 'person' : 'people'} in ${best.label}`;
  return {
    kind: 'coverage-gap',
    text,
    weight: round(ctx.weights.coverageGap * Math.min(1, best.score / top)),
    field: best.field,
  };
}

function maintenanceReason(text: string, fields: Set<string>, ctx: ReasonContext): Reason | null {
  if (ctx.overdue.length === 0) return null;
  const people: { name: string; line: string; strength: number }[] = [];
  for (const { item, ago, communities } of ctx.overdue) {
    const community = communities.find((c) => text.includes(c.folded))?.name;
    if (community)
      people.push({
        name: item.name,
        line: `${item.name} (${item.tier}, last seen ${ago}) usually goes to ${community}`,
        strength: 1,
      });
    else if (item.tier !== 'acquaintance' && item.fields.some((f) => fields.has(f))) {
      people.push({
        name: item.name,
        line: `${item.name} (${item.tier}, last seen ${ago}) works in this field and may be there`,
        strength: 0.5,
      });
    }
    if (people.length >= 2) break;
  }
  if (people.length === 0) return null;
  const strength = Math.min(
    1.5,
    people.reduce((sum, p) => sum + p.strength, 0),
  );
  return {
    kind: 'maintenance',
    text: people.map((p) => p.line).join('; '),
    weight: round(ctx.weights.maintenance * strength),
    people: people.map((p) => p.name),
  };
}

export function giveFirstReason(index: number, ctx: ReasonContext): Reason | null {
  const at = ctx.giveFirstAt[index]!;
  const opportunity = at > 0 ? ctx.gaps.giveFirst.opportunities[at - 1] : undefined;
  return opportunity ? { kind: 'give-first', text: opportunity.text, weight: round(ctx.weights.giveFirst) } : null;
}

function channelReason(event: StoredEvent, ctx: ReasonContext): Reason | null {
  const { needs, online, offline } = ctx.gaps.channel;
  const total = online + offline;
  if (needs === 'offline' && event.online === false) {
    return {
      kind: 'channel-balance',
      text: `in person: ${online} of your ${total} recent meetings were online`,
      weight: round(ctx.weights.channelBalance),
    };
  }
  if (needs === 'online' && event.online !== false) {
    return {
      kind: 'channel-balance',
      text: `online: ${offline} of your ${total} recent meetings were in person`,
      weight: round(ctx.weights.channelBalance),
    };
  }
  return null;
}

function nearbyReason(reach: Reach, ctx: ReasonContext): Reason | null {
  if (reach.kind === 'online')
    return ctx.profile.travel.online
      ? { kind: 'nearby', text: 'online: no travel needed', weight: round(ctx.weights.nearby) }
      : null;
  // An in-person event nobody could place is let through, but says so rather than passing silently.
  if (reach.kind === 'unknown')
    return { kind: 'nearby', text: 'where it takes place is not known: check before you go', weight: 0 };
  if (reach.kind !== 'near') return null;
  const distance = reach.km !== null ? `${Math.round(reach.km)} km away` : `within ${ctx.profile.travel.maxKm} km`;
  return { kind: 'nearby', text: `in ${reach.place}, ${distance}`, weight: round(ctx.weights.nearby) };
}

function deadlineReason(event: StoredEvent, ctx: ReasonContext): Reason | null {
  if (!event.cfp?.closes || !cfpIsOpen(event.cfp, ctx.nowMs)) return null;
  const days = Math.ceil((valueMs(event.cfp.closes) - ctx.nowMs) / DAY_MS);
  if (days > DEADLINE_DAYS) return null;
  const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
  return { kind: 'deadline', text: `the call for papers closes ${when}`, weight: round(ctx.weights.deadline) };
}

function feedbackReason(event: StoredEvent, fields: Set<string>, ctx: ReasonContext): Reason | null {
  if (ctx.feedbackByEvent.size === 0) return null;
  if (ctx.feedbackByEvent.get(event.id)?.action === 'going')
    return { kind: 'feedback', text: 'you said you are going', weight: round(ctx.weights.going) };
  if (ctx.dismissed.length === 0) return null;
  const title = foldText(event.title);
  const similar = ctx.dismissed.find(
    (d) =>
      d.uid === event.uid ||
      foldText(d.title) === title ||
      (d.fields.length > 0 && d.fields.every((f) => fields.has(f))),
  );
  return similar
    ? {
        kind: 'feedback',
        text: `you dismissed a similar event (${similar.title})`,
        weight: round(-ctx.weights.dismissedSimilar),
      }
    : null;
}

/** A followed venue's event: kept among the picks and in the calendar whatever else it earns. */
export function followingReason(venueName: string, weights: RankingWeights): Reason {
  return { kind: 'following', text: `next at ${venueName}, which you follow`, weight: round(weights.following) };
}

/**
 * Every reason an event earns; its score is their sum. `foldedText` is the event's text folded and
 * space-padded (see EventCatalog), for matching community names as whole words.
 */
export function reasonsFor(
  event: StoredEvent,
  index: number,
  fields: Set<string>,
  foldedText: string,
  reach: Reach,
  ctx: ReasonContext,
): Reason[] {
  const fit = venueFitText(event.kind, ctx.profile.goals);
  return [
    ...interestReasons(index, ctx),
    coverageReason(fields, ctx),
    maintenanceReason(foldedText, fields, ctx),
    giveFirstReason(index, ctx),
    channelReason(event, ctx),
    fit ? { kind: 'venue-fit' as const, text: fit, weight: round(ctx.weights.venueFit) } : null,
    nearbyReason(reach, ctx),
    deadlineReason(event, ctx),
    feedbackReason(event, fields, ctx),
  ].filter((r): r is Reason => r !== null);
}
