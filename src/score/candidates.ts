import type { RankingWeights } from '../core/ranking.ts';
import { inWindow, type TimeWindow } from '../core/window.ts';
import type { QueryScores } from './bm25-index.ts';
import type { EventCatalog } from './catalog.ts';
import { type LearnedColumn, positionIn } from './learned-signal.ts';

/** The bound's histogram resolution: the candidate threshold is found to 1/4096th of the largest possible bound. */
const BUCKETS = 4096;

export interface CandidateInput {
  catalog: EventCatalog;
  /** The ranking's own array for the bounds (see RankingScratch), overwritten here. */
  bound: Float32Array;
  /** Per interest, its text scores and what one unit of them weighs in its reason. */
  scores: QueryScores[];
  shares: number[];
  /** Per interest, the topic model's guesses for its field and what a guess of strength 1 weighs. */
  learned: { column: LearnedColumn | undefined; weight: number }[];
  /** Per field of the catalog, the field-level signal (coverage gap, overdue contacts) its events earn. */
  fieldSignal: number[];
  /** Per give-first opportunity, its event number (-1 when not in the catalog). */
  opportunityAt: Int32Array;
  /** Per event, 1 + the position of its (last) give-first opportunity, or 0. */
  giveFirstAt: Int32Array;
  weights: RankingWeights;
  earliestMs: number;
  /** Events starting at or after this are out (exclusive end of the window). */
  latestMs: number;
  dismissed: number[];
  pinned: number[];
  keep: number;
}

/**
 * Each interest's text score, scaled to what its reason will weigh at most, added over the events it
 * matches only (a tenth of all, say, instead of every event once per interest).
 */
function addText(bound: Float32Array, scores: QueryScores[], shares: number[]): void {
  for (let q = 0; q < scores.length; q++) {
    const { values, touched } = scores[q]!;
    const share = shares[q]!;
    for (let k = 0; k < touched.length; k++) {
      const i = touched[k]!;
      bound[i]! += values[i]! * share;
    }
  }
}

/** Each interest's learned signal, over the events the model ties to its field. */
function addLearned(bound: Float32Array, learned: CandidateInput['learned']): void {
  for (const { column, weight } of learned) {
    if (!column) continue;
    const { events, strength } = column;
    for (let k = 0; k < events.length; k++) bound[events[k]!]! += strength[k]! * weight;
  }
}

/** The strongest field-level signal of each combination of fields (see FieldSets). */
function signalPerFieldSet(fieldSets: EventCatalog['fieldSets'], fieldSignal: number[]): Float32Array {
  const { offsets, fields } = fieldSets;
  const signal = new Float32Array(offsets.length - 1);
  for (let set = 0; set < signal.length; set++)
    for (let k = offsets[set]!; k < offsets[set + 1]!; k++)
      signal[set] = Math.max(signal[set]!, fieldSignal[fields[k]!]!);
  return signal;
}

/** Every event gains the signal of its fields. */
function addFieldSignals(bound: Float32Array, ofEvent: Uint32Array, setSignal: Float32Array): void {
  for (let i = 0; i < bound.length; i++) bound[i] = bound[i]! + setSignal[ofEvent[i]!]!;
}

/**
 * A give-first opportunity's signal replaces its fields' when stronger (each event once: an event can be
 * both a call for papers and a host role, and giveFirstAt holds its last position).
 */
function addGiveFirst(bound: Float32Array, input: CandidateInput, setSignal: Float32Array, ofEvent: Uint32Array): void {
  const { opportunityAt, giveFirstAt } = input;
  const signal = input.weights.giveFirst;
  for (let k = 0; k < opportunityAt.length; k++) {
    const i = opportunityAt[k]!;
    if (i < 0 || giveFirstAt[i] !== k + 1) continue;
    const fieldLevel = setSignal[ofEvent[i]!]!;
    if (signal > fieldLevel) bound[i] = bound[i]! - fieldLevel + signal;
  }
}

/** Past, too distant, cancelled, undated and dismissed events are out: a prefix and a suffix of the events by start. */
function clearOutside(bound: Float32Array, input: CandidateInput): void {
  const { catalog } = input;
  const { byStart } = catalog;
  const from = firstFrom(catalog, input.earliestMs);
  const beyond = Math.max(from, firstFrom(catalog, input.latestMs));
  for (let k = 0; k < from; k++) bound[byStart[k]!] = 0;
  for (let k = beyond; k < byStart.length; k++) bound[byStart[k]!] = 0;
  for (const i of input.dismissed) bound[i] = 0;
}

/** The first position in `byStart` whose event starts at or after `ms` (NaN, unrankable, sorts last). */
function firstFrom(catalog: EventCatalog, ms: number): number {
  const { byStart, rankableStartMs } = catalog;
  let lo = 0;
  let hi = byStart.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rankableStartMs[byStart[mid]!]! < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One event in this many is looked at first, to find a bound the best `keep` of all surely reach. */
const SAMPLE_EVERY = 8;

/** Bounds are counted in BUCKETS equal slices of [0, ceiling]: `scale` turns a bound into its slice. */
function bucketOf(value: number, scale: number): number {
  return Math.min(BUCKETS - 1, Math.floor(value * scale));
}

/**
 * The lowest slice the best `keep` of a sample of the events reach (0 when it has fewer positive bounds),
 * and how many positive bounds the sample holds: the best `keep` of all the events reach that slice too,
 * since a sample's keep-th best is never above the whole's. `counts` is left cleared.
 */
function sampled(bound: Float32Array, scale: number, keep: number, counts: Uint32Array) {
  let positive = 0;
  for (let i = 0; i < bound.length; i += SAMPLE_EVERY)
    if (bound[i]! > 0) {
      positive++;
      counts[bucketOf(bound[i]!, scale)]!++;
    }
  let count = 0;
  let floor = 0;
  for (let b = BUCKETS - 1; b >= 0; b--) {
    count += counts[b]!;
    if (count >= keep) {
      floor = b;
      break;
    }
  }
  counts.fill(0);
  return { floor, positive };
}

function positiveCount(bound: Float32Array): number {
  let positive = 0;
  for (let i = 0; i < bound.length; i++) if (bound[i]! > 0) positive++;
  return positive;
}

/**
 * The best `keep` by bound, the greater bound first and then the lower event number; in event order when
 * no more than `keep` reach the threshold. The threshold is the lower edge of the slice where the count
 * from the top passes `keep`: only events at or near the sample's floor are counted and kept aside, so
 * the pass over every event is one comparison for most of them, and nothing is sorted but a few.
 */
function collect(bound: Float32Array, ceiling: number, keep: number): number[] {
  const scale = ceiling > 0 ? (BUCKETS - 1) / ceiling : 0;
  const counts = new Uint32Array(BUCKETS);
  const sample = sampled(bound, scale, keep, counts);
  // A slice below the sample's floor too: a bound at a slice's lower edge may round into the one below.
  const floor = Math.max(0, sample.floor - 1);
  const lowest = floor > 0 ? Math.max(Number.MIN_VALUE, (floor - 1) / scale) : Number.MIN_VALUE;
  const near: number[] = [];
  for (let i = 0; i < bound.length; i++) {
    if (!(bound[i]! >= lowest)) continue;
    const b = bucketOf(bound[i]!, scale);
    if (b < floor) continue;
    counts[b]!++;
    near.push(i);
  }
  let threshold = Number.MIN_VALUE;
  // More positive bounds in the sample alone than are kept: no need to count them all.
  if (sample.positive > keep || positiveCount(bound) > keep) {
    let count = 0;
    for (let b = BUCKETS - 1; b >= 0; b--) {
      count += counts[b]!;
      if (count >= keep) {
        threshold = Math.max(Number.MIN_VALUE, b / scale);
        break;
      }
    }
  }
  const chosen = near.filter((i) => bound[i]! >= threshold && bound[i]! > 0);
  return chosen.length > keep ? chosen.sort((a, b) => bound[b]! - bound[a]! || a - b).slice(0, keep) : chosen;
}

/** The best score among the events starting in a window, from the events the query matched. */
export function bestWithin(scores: QueryScores, catalog: EventCatalog, window: TimeWindow): number {
  const { values, touched } = scores;
  let best = 0;
  for (let k = 0; k < touched.length; k++) {
    const i = touched[k]!;
    if (values[i]! > best && inWindow(window, catalog.rankableStartMs[i]!)) best = values[i]!;
  }
  return best;
}

/**
 * The events worth writing full reasons for: a cheap upper bound on every event's score from typed
 * arrays only (text relevance of each interest as its reason will weigh it, plus the strongest
 * field-level or give-first signal), and the best `keep` by it. Each pass is a small function of its
 * own, so the engine optimises each loop for the types it sees instead of one large function.
 */
export function boundCandidates(input: CandidateInput): number[] {
  const { catalog, scores, shares, weights } = input;
  const bound = input.bound.fill(0);
  addText(bound, scores, shares);
  addLearned(bound, input.learned);
  const setSignal = signalPerFieldSet(catalog.fieldSets, input.fieldSignal);
  const giveFirstSignal = weights.giveFirst;
  // No bound can exceed every interest at its best plus the strongest signal (and going, for pinned
  // events): bounds are counted in slices of [0, ceiling] (see collect).
  const ceiling =
    shares.reduce((sum, share, q) => sum + share * scores[q]!.max, 0) +
    input.learned.reduce((sum, { column, weight }) => sum + (column ? weight : 0), 0) +
    setSignal.reduce((max, value) => Math.max(max, value), giveFirstSignal) +
    (input.pinned.length > 0 ? Math.max(weights.going, weights.following) : 0);
  const { ofEvent } = catalog.fieldSets;
  if (setSignal.some((value) => value > 0)) addFieldSignals(bound, ofEvent, setSignal);
  addGiveFirst(bound, input, setSignal, ofEvent);
  clearOutside(bound, input);
  // Going (or following its venue) keeps an event whatever the filters said.
  for (const i of input.pinned) {
    let value = Math.max(setSignal[ofEvent[i]!]!, input.giveFirstAt[i]! > 0 ? giveFirstSignal : 0);
    scores.forEach(({ values }, q) => {
      value += values[i]! * shares[q]!;
    });
    for (const { column, weight } of input.learned) {
      const k = column ? positionIn(column, i) : -1;
      if (k >= 0) value += column!.strength[k]! * weight;
    }
    bound[i] = value + Math.max(weights.going, weights.following);
  }
  return collect(bound, ceiling, input.keep);
}
