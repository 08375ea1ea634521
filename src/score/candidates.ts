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

/**
 * Counts of bounds in BUCKETS equal slices of [0, ceiling], to find the top `keep` without sorting.
 * The pass over every event writes `counts` directly, not through `add`, to keep its loop call-free.
 */
class BoundHistogram {
  readonly counts = new Uint32Array(BUCKETS);
  readonly scale: number;
  positive = 0;
  constructor(ceiling: number) {
    this.scale = ceiling > 0 ? (BUCKETS - 1) / ceiling : 0;
  }
  add(value: number, by: 1 | -1): void {
    if (value <= 0) return;
    this.positive += by;
    this.counts[Math.min(BUCKETS - 1, Math.floor(value * this.scale))]! += by;
  }
  /** The lower edge of the bucket where the running count from the top passes `keep`. */
  threshold(keep: number): number {
    if (this.positive <= keep) return Number.MIN_VALUE;
    let count = 0;
    for (let b = BUCKETS - 1; b >= 0; b--) {
      count += this.counts[b]!;
      if (count >= keep) return Math.max(Number.MIN_VALUE, b / this.scale);
    }
    return Number.MIN_VALUE;
  }
}

/** Every event gains the signal of its fields and is counted. */
function addFieldSignals(
  bound: Float32Array,
  ofEvent: Uint32Array,
  setSignal: Float32Array,
  histogram: BoundHistogram,
): void {
  const { counts, scale } = histogram;
  let positive = 0;
  for (let i = 0; i < bound.length; i++) {
    const value = bound[i]! + setSignal[ofEvent[i]!]!;
    bound[i] = value;
    if (value > 0) {
      positive++;
      counts[Math.min(BUCKETS - 1, Math.floor(value * scale))]!++;
    }
  }
  histogram.positive += positive;
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

/**
 * The best `keep` by bound. Everything at or above the threshold is collected first: stopping at `keep`
 * in event order would let events of the threshold's own bucket crowd out a better one further on.
 */
function collect(bound: Float32Array, threshold: number, keep: number): number[] {
  const chosen: number[] = [];
  for (let i = 0; i < bound.length; i++) if (bound[i]! >= threshold && bound[i]! > 0) chosen.push(i);
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
  // events): the histogram is scaled to that, so it fills in the same pass that sets the bounds.
  const ceiling =
    shares.reduce((sum, share, q) => sum + share * scores[q]!.max, 0) +
    input.learned.reduce((sum, { column, weight }) => sum + (column ? weight : 0), 0) +
    setSignal.reduce((max, value) => Math.max(max, value), giveFirstSignal) +
    (input.pinned.length > 0 ? Math.max(weights.going, weights.following) : 0);
  const histogram = new BoundHistogram(ceiling);
  const { ofEvent } = catalog.fieldSets;
  addFieldSignals(bound, ofEvent, setSignal, histogram);
  // Counted as stored (float32), so that taking it out again finds the same bucket.
  const replace = (i: number, value: number) => {
    histogram.add(bound[i]!, -1);
    bound[i] = value;
    histogram.add(bound[i]!, 1);
  };
  // A give-first opportunity's signal replaces its fields' when stronger (each event once: an event
  // can be both a call for papers and a host role, and giveFirstAt holds its last position).
  input.opportunityAt.forEach((i, k) => {
    if (i < 0 || input.giveFirstAt[i] !== k + 1) return;
    const fieldLevel = setSignal[ofEvent[i]!]!;
    if (giveFirstSignal > fieldLevel) replace(i, bound[i]! - fieldLevel + giveFirstSignal);
  });
  // Past, too distant, cancelled and undated events are out: a prefix and a suffix of the events by start.
  const { byStart } = catalog;
  const from = firstFrom(catalog, input.earliestMs);
  const beyond = Math.max(from, firstFrom(catalog, input.latestMs));
  for (let k = 0; k < from; k++) replace(byStart[k]!, 0);
  for (let k = beyond; k < byStart.length; k++) replace(byStart[k]!, 0);
  for (const i of input.dismissed) replace(i, 0);
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
    replace(i, value + Math.max(weights.going, weights.following));
  }
  return collect(bound, histogram.threshold(input.keep), input.keep);
}
