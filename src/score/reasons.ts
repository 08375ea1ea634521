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
import {
  type LearnedByEvent,
  type LearnedColumn,
  learnedReason,
  learnedReasonWeight,
  learnedStrength,
} from './learned-signal.ts';
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
  /** The same guesses by event, and per query its field's number among them (-1: none). */
  learnedByEvent: LearnedByEvent;
  learnedField: number[];
  feedbackByEvent: Map<string, Feedback>;
  dismissed: Feedback[];
  nowMs: number;
  /** Overdue contacts with their communities folded once per ranking, not once per event. */
  overdue: OverdueContacts;
  /** Per event index, its combination of fields (see FieldSets): what reasons that hang on fields alone share. */
  fieldSetOf: Uint32Array;
  /** Per event index, 1 + the index of its give-first opportunity, or 0 (a byte-sized lookup, no strings). */
  giveFirstAt: Int32Array;
  /** Reasons that hang on one small value of an event, made once per ranking (see SharedReasons). */
  shared: SharedReasons;
}

/**
 * Reasons that depend on the ranking and one small value of an event only (online or not, its kind, where
 * it is when that is the home city or unknown, its combination of fields): a ranking writes reasons for hundreds of candidates, most
 * of them alike in these, so each is made once and the candidates share it (reasons are never changed).
 */
export interface SharedReasons {
  channel: Map<StoredEvent['online'], Reason | null>;
  fit: Map<StoredEvent['kind'], Reason | null>;
  /** By reach: online, unknown or far. */
  nearby: Map<Reach['kind'], Reason | null>;
  /** Near without a distance, by the place named (the home city). */
  nearbyAt: Map<string, Reason | null>;
  /** By combination of fields (see FieldSets). */
  coverage: Map<number, Reason | null>;
  /** An interest reason's words, by query. */
  interestText: string[];
}

export function sharedReasons(): SharedReasons {
  return {
    channel: new Map(),
    fit: new Map(),
    nearby: new Map(),
    nearbyAt: new Map(),
    coverage: new Map(),
    interestText: [],
  };
}

function remembered<K>(memo: Map<K, Reason | null>, key: K, make: (key: K) => Reason | null): Reason | null {
  let reason = memo.get(key);
  if (reason === undefined) {
    reason = make(key);
    memo.set(key, reason);
  }
  return reason;
}

/**
 * Overdue contacts, worked out once per ranking for the maintenance reason of every candidate: each
 * distinct community folded once (many contacts share one), per field the contacts who work in it, and
 * per combination of fields the reason those contacts alone give.
 */
export interface OverdueContacts {
  contacts: {
    item: Gaps['maintenance']['overdue'][number];
    ago: string;
    /** The contact's communities, each as its name and its place among `folded`. */
    communities: { name: string; text: number }[];
  }[];
  /** Distinct communities, folded and space-padded for whole-word matching. */
  folded: string[];
  /** The positions of the contacts who belong to a community, ascending. */
  withCommunity: number[];
  /** Per field, the positions of the contacts (acquaintances aside) who work in it, ascending. */
  byField: Map<string, number[]>;
  /** Per combination of fields (see FieldSets), filled as candidates ask (see namedBy). */
  bySet: Map<number, NamedByFields>;
  /** Per community, whether the candidate's text names it: 0 not looked at yet, 1 yes, 2 no. */
  found: Uint8Array;
}

/** The first two contacts an event's fields name (ascending positions), and the reason they alone give. */
interface NamedByFields {
  named: number[];
  reason: Reason | null;
}

export function overdueContacts(gaps: Gaps): OverdueContacts {
  const folded: string[] = [];
  const textOf = new Map<string, number>();
  const byField = new Map<string, number[]>();
  const withCommunity: number[] = [];
  const contacts = gaps.maintenance.overdue.map((item, k) => {
    if (item.tier !== 'acquaintance')
      for (const field of item.fields) {
        const named = byField.get(field) ?? [];
        if (named.at(-1) !== k) named.push(k);
        byField.set(field, named);
      }
    if (item.communities.length > 0) withCommunity.push(k);
    return {
      item,
      ago: item.text.replace(/^.*? last seen /, '').replace(/,.*$/, ''),
      communities: item.communities.map((name) => {
        const text = ` ${foldText(name)} `;
        let at = textOf.get(text);
        if (at === undefined) {
          at = folded.length;
          folded.push(text);
          textOf.set(text, at);
        }
        return { name, text: at };
      }),
    };
  });
  return { contacts, folded, withCommunity, byField, bySet: new Map(), found: new Uint8Array(folded.length) };
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

/** What one interest's text and learned reasons weigh for an event (see interestReasons). */
interface InterestMatch {
  q: number;
  text: number;
  learned: number;
}

/**
 * The interest and learned reasons of an event, at most two interests' worth: the two that weigh most
 * (the lower query number first on a tie), each with its text reason then its learned one, heaviest first.
 * Reasons are built for the interests that speak only; the others are judged on numbers.
 */
function interestReasons(index: number, ctx: ReasonContext): Reason[] {
  let first: InterestMatch | null = null;
  let second: InterestMatch | null = null;
  let firstTotal = 0;
  let secondTotal = 0;
  for (let q = 0; q < ctx.queries.length; q++) {
    const { values, max } = ctx.scores[q]!;
    const share = ctx.interestShares[q]!;
    const text = interestWeight(values[index]!, max, share, ctx.weights);
    const field = ctx.learnedField[q]!;
    const strength = field < 0 ? 0 : learnedStrength(ctx.learnedByEvent, index, field);
    const learned = learnedReasonWeight(strength, share, ctx.weights);
    if (text <= 0 && learned <= 0) continue;
    const total = Math.max(0, round(text)) + learned;
    // A later interest displaces one only by weighing more: on a tie the lower query number speaks.
    if (first === null || total > firstTotal) {
      second = first;
      secondTotal = firstTotal;
      first = { q, text, learned };
      firstTotal = total;
    } else if (second === null || total > secondTotal) {
      second = { q, text, learned };
      secondTotal = total;
    }
  }
  const found: Reason[] = [];
  if (first === null) return found;
  const speaking = second === null ? [first] : first.q < second.q ? [first, second] : [second, first];
  for (const { q, text, learned } of speaking) {
    if (text > 0) {
      ctx.shared.interestText[q] ??= `matches your interest in ${ctx.queries[q]!.label}`;
      found.push({ kind: 'interest', text: ctx.shared.interestText[q], weight: round(text) });
    }
    if (learned > 0) found.push(learnedReason(ctx.learned[q]!, index, learned));
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

/** The community of a contact a candidate's folded text names, if any (each community looked for once). */
function namedCommunity(
  communities: OverdueContacts['contacts'][number]['communities'],
  text: string,
  overdue: OverdueContacts,
): string | undefined {
  const { folded, found } = overdue;
  for (const { name, text: at } of communities) {
    if (found[at] === 0) found[at] = text.includes(folded[at]!) ? 1 : 2;
    if (found[at] === 1) return name;
  }
  return undefined;
}

interface Person {
  name: string;
  line: string;
  strength: number;
}

function fieldPerson({ item, ago }: OverdueContacts['contacts'][number]): Person {
  return {
    name: item.name,
    line: `${item.name} (${item.tier}, last seen ${ago}) works in this field and may be there`,
    strength: 0.5,
  };
}

function maintenanceFrom(people: Person[], ctx: ReasonContext): Reason | null {
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

/** The first two contacts a combination of fields names, worked out once per combination and ranking. */
function namedBy(set: number, fields: Set<string>, ctx: ReasonContext): NamedByFields {
  const { overdue } = ctx;
  let known = overdue.bySet.get(set);
  if (!known) {
    const positions = new Set<number>();
    for (const field of fields) for (const k of (overdue.byField.get(field) ?? []).slice(0, 2)) positions.add(k);
    const named = [...positions].sort((a, b) => a - b).slice(0, 2);
    known = {
      named,
      reason: maintenanceFrom(
        named.map((k) => fieldPerson(overdue.contacts[k]!)),
        ctx,
      ),
    };
    overdue.bySet.set(set, known);
  }
  return known;
}

/**
 * Up to two overdue contacts the event may bring back, in the contacts' order: one whose community the
 * event's text names, or one who works in the event's field. Only contacts with a community and the first
 * two its fields name can be among them, so only those are looked at; when no community is named, the
 * reason is the one its combination of fields gives.
 */
function maintenanceReason(text: string, fields: Set<string>, set: number, ctx: ReasonContext): Reason | null {
  const { overdue } = ctx;
  const { contacts, withCommunity } = overdue;
  if (contacts.length === 0) return null;
  const { named, reason } = namedBy(set, fields, ctx);
  overdue.found.fill(0);
  const people: Person[] = [];
  let communities = false;
  for (let c = 0, n = 0; people.length < 2; ) {
    const withOne = c < withCommunity.length ? withCommunity[c]! : Number.POSITIVE_INFINITY;
    const byField = n < named.length ? named[n]! : Number.POSITIVE_INFINITY;
    const k = Math.min(withOne, byField);
    if (k === Number.POSITIVE_INFINITY) break;
    if (k === withOne) c++;
    if (k === byField) n++;
    const contact = contacts[k]!;
    const community = k === withOne ? namedCommunity(contact.communities, text, overdue) : undefined;
    if (community) {
      communities = true;
      people.push({
        name: contact.item.name,
        line: `${contact.item.name} (${contact.item.tier}, last seen ${contact.ago}) usually goes to ${community}`,
        strength: 1,
      });
    } else if (k === byField) people.push(fieldPerson(contact));
  }
  return communities ? maintenanceFrom(people, ctx) : reason;
}

export function giveFirstReason(index: number, ctx: ReasonContext): Reason | null {
  const at = ctx.giveFirstAt[index]!;
  const opportunity = at > 0 ? ctx.gaps.giveFirst.opportunities[at - 1] : undefined;
  return opportunity ? { kind: 'give-first', text: opportunity.text, weight: round(ctx.weights.giveFirst) } : null;
}

function channelReason(eventOnline: StoredEvent['online'], ctx: ReasonContext): Reason | null {
  const { needs, online, offline } = ctx.gaps.channel;
  const total = online + offline;
  if (needs === 'offline' && eventOnline === false) {
    return {
      kind: 'channel-balance',
      text: `in person: ${online} of your ${total} recent meetings were online`,
      weight: round(ctx.weights.channelBalance),
    };
  }
  if (needs === 'online' && eventOnline !== false) {
    return {
      kind: 'channel-balance',
      text: `online: ${offline} of your ${total} recent meetings were in person`,
      weight: round(ctx.weights.channelBalance),
    };
  }
  return null;
}

function nearbyReason(reach: Reach, ctx: ReasonContext): Reason | null {
  // Only a distance in km makes an event's nearby reason its own.
  if (reach.kind === 'near' && reach.km !== null) return nearReason(reach, ctx);
  const make = () => nearReason(reach, ctx);
  return reach.kind === 'near'
    ? remembered(ctx.shared.nearbyAt, reach.place, make)
    : remembered(ctx.shared.nearby, reach.kind, make);
}

function nearReason(reach: Reach, ctx: ReasonContext): Reason | null {
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

function venueFitReason(kind: StoredEvent['kind'], ctx: ReasonContext): Reason | null {
  const fit = venueFitText(kind, ctx.profile.goals);
  return fit ? { kind: 'venue-fit', text: fit, weight: round(ctx.weights.venueFit) } : null;
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
  return [
    ...interestReasons(index, ctx),
    remembered(ctx.shared.coverage, ctx.fieldSetOf[index]!, () => coverageReason(fields, ctx)),
    maintenanceReason(foldedText, fields, ctx.fieldSetOf[index]!, ctx),
    giveFirstReason(index, ctx),
    remembered(ctx.shared.channel, event.online, (online) => channelReason(online, ctx)),
    remembered(ctx.shared.fit, event.kind, (kind) => venueFitReason(kind, ctx)),
    nearbyReason(reach, ctx),
    deadlineReason(event, ctx),
    feedbackReason(event, fields, ctx),
  ].filter((r): r is Reason => r !== null);
}
