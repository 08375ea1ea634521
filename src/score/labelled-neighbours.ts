/**
 * The labelled events most like a given one by the features of their names (cosine of weighted features):
 * a sister event ("JCON OpenBlend Slovenia" beside "JCON EUROPE") or a renamed series teaches its labels,
 * all of them at once (a neighbour filed under JavaScript and TypeScript speaks for both). Plain data
 * (maps, arrays, numbers), so a persisted catalog keeps it as it is.
 */
export interface NeighbourIndex {
  examples: number;
  /**
   * Per feature, its weight and the labelled events that have it (ascending). Features too common to tell
   * events apart are left out, and counted in no length.
   */
  features: Map<string, { weight: number; events: number[] }>;
  common: string[];
  /** What a feature no labelled event has weighs: it still makes an event less like all of them. */
  unseenWeight: number;
  /** Per labelled event, the length of its weighted feature vector. */
  lengths: number[];
}

export interface Neighbour {
  example: number;
  similarity: number;
}

/**
 * A feature more labelled events share than this says what kind of event it is ("conference", "summit"),
 * not which one it resembles; the cap also bounds the work of one guess in a large store.
 */
const MAX_SHARE = 0.05;
const MIN_CAP = 20;
const MAX_CAP = 200;

/**
 * Weighs each feature by how rare it is (idf) and by how much the events that share it agree on their
 * labels ("react" is nearly always JavaScript, "engineering" is anything).
 */
export function neighbourIndex(featuresOf: Set<string>[], labelsOf: string[][]): NeighbourIndex {
  const examples = featuresOf.length;
  const all = new Map<string, number[]>();
  featuresOf.forEach((features, i) => {
    for (const feature of features) {
      const list = all.get(feature);
      if (list) list.push(i);
      else all.set(feature, [i]);
    }
  });
  const cap = Math.min(MAX_CAP, Math.max(MIN_CAP, Math.floor(examples * MAX_SHARE)));
  const base = usualAgreement(all, labelsOf, cap);
  const common: string[] = [];
  const features = new Map<string, { weight: number; events: number[] }>();
  const squares = new Array<number>(examples).fill(0);
  for (const [feature, events] of all) {
    if (events.length > cap) {
      common.push(feature);
      continue;
    }
    const weight = idf(examples, events.length) * labelAgreement(events, labelsOf, base);
    features.set(feature, { weight, events });
    for (const i of events) squares[i]! += weight * weight;
  }
  return { examples, features, common, unseenWeight: idf(examples, 1) * base, lengths: squares.map(Math.sqrt) };
}

/**
 * How far the events that share a feature agree on their labels: the share of their pairs that share a
 * label, with one pair of prior belief at the usual rate (a feature one event has is judged at that rate).
 */
function labelAgreement(events: number[], labelsOf: string[][], usual: number, prior = PRIOR_PAIRS): number {
  const counts = new Map<string, number>();
  for (const i of events) for (const label of labelsOf[i]!) counts.set(label, (counts.get(label) ?? 0) + 1);
  let same = 0;
  for (const c of counts.values()) same += c * (c - 1);
  const pairs = events.length * (events.length - 1);
  return pairs + prior > 0 ? (Math.min(same, pairs) + prior * usual) / (pairs + prior) : usual;
}

const PRIOR_PAIRS = 2;

/**
 * What a feature's agreement is believed to be before its events are seen: the mean over the features
 * several events share, and never below the chance that two labelled events picked at random share a label.
 */
function usualAgreement(all: Map<string, number[]>, labelsOf: string[][], cap: number): number {
  const counts = new Map<string, number>();
  for (const labels of labelsOf) for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  let same = 0;
  for (const c of counts.values()) same += c * c;
  const chance = Math.min(1, same / Math.max(1, labelsOf.length) ** 2);
  let sum = 0;
  let shared = 0;
  for (const events of all.values()) {
    if (events.length < 2 || events.length > cap) continue;
    sum += labelAgreement(events, labelsOf, 0, 0);
    shared++;
  }
  return Math.max(chance, shared > 0 ? sum / shared : 0);
}

function idf(examples: number, count: number): number {
  return Math.log(1 + examples / count);
}

const commonSets = new WeakMap<NeighbourIndex, Set<string>>();

/** The `k` labelled events most like one with these features, at least `minSimilarity` alike, most alike first. */
export function nearest(index: NeighbourIndex, features: Set<string>, k: number, minSimilarity: number): Neighbour[] {
  let common = commonSets.get(index);
  if (!common) {
    common = new Set(index.common);
    commonSets.set(index, common);
  }
  const dot = new Map<number, number>();
  let squares = 0;
  for (const feature of features) {
    if (common.has(feature)) continue;
    const known = index.features.get(feature);
    const weight = known?.weight ?? index.unseenWeight;
    squares += weight * weight;
    for (const i of known?.events ?? []) dot.set(i, (dot.get(i) ?? 0) + weight * weight);
  }
  const length = Math.sqrt(squares);
  const out: Neighbour[] = [];
  for (const [example, d] of dot) {
    const similarity = d / (length * index.lengths[example]!);
    if (similarity >= minSimilarity) out.push({ example, similarity });
  }
  return out.sort((a, b) => b.similarity - a.similarity || a.example - b.example).slice(0, k);
}
