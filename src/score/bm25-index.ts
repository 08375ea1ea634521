import { analyze } from './analyze.ts';
import { lowerBound } from './lower-bound.ts';

// The ranking's text matcher: BM25 over typed-array postings, scoring every event of a catalog against a
// profile's weighted interest terms in milliseconds. Searches typed by a person use lunr instead
// (search/text-search.ts), and the `q` filter a word scan (usecases/search-events.ts).

/** Field boosts: a word in the title says more than the same word deep in a description. */
export const FIELD_BOOST = { title: 3, topics: 2, description: 1 } as const;
const K1 = 1.2;
/**
 * An expansion term (weight below 1) counts only when its weight times its idf reaches MIN_CONTRIBUTION,
 * and, when it is common (in COMMON_POSTINGS events or more), MIN_COMMON_CONTRIBUTION: a faint, common
 * word (a city out of a community's name, "group", "talk") otherwise adds noise to thousands of events
 * and costs a walk of their postings. Small catalogs keep their weak terms: there every idf is small.
 */
const MIN_CONTRIBUTION = 0.3;
const MIN_COMMON_CONTRIBUTION = 1;
const COMMON_POSTINGS = 16;
const B = 0.75;

export interface IndexedText {
  title: string;
  topics: string[];
  description: string | null;
}

export interface WeightedTerm {
  term: string;
  weight: number;
  /** Also match longer words that start with this one ("rust" in "rustconf"), at this share of the weight. */
  prefix?: { share: number; except: ReadonlySet<string> };
  /** The user's own word: a document it matches has evidence of the interest (see QueryScores.evidence). */
  evidence?: boolean;
}

/** Arrays of the index's `size` that a query's scores are written into, reusable from query to query. */
export interface ScoreBuffers {
  values: Float32Array;
  touched: Int32Array;
  evidence: Uint8Array;
}

export interface QueryScores {
  /** BM25F score of every document, 0 where the query does not match. */
  values: Float32Array;
  max: number;
  /** The documents with a score above 0, each once: a pass over them skips the (often many) others. */
  touched: Int32Array;
  /** 1 where a term marked `evidence` matched (valid for the documents in `touched`). */
  evidence: Uint8Array;
}

export interface RankIndex {
  size: number;
  /** Allocates buffers for `score`, to be reused for one query at a time. */
  buffers(): ScoreBuffers;
  /** Scores of every document for a weighted query; pass `into` to reuse buffers (they are cleared first). */
  score(query: WeightedTerm[], into?: ScoreBuffers): QueryScores;
  /** What a document of average length with one of the query's evidence words in its title scores. */
  titleMatch(query: WeightedTerm[]): number;
}

/**
 * A compact inverted index: per term, document numbers and boosted term frequencies in typed arrays.
 * Scoring walks only the postings of the query's terms into one dense accumulator, which is why it
 * stays fast at 100,000 events where a general-purpose search library builds heavy objects per term.
 */
export interface Postings {
  termIds: Map<string, number>;
  docsByTerm: Int32Array[];
  /** Boosted term frequencies; small whole numbers (a term 85 times in a title would be 255). */
  tfsByTerm: Uint8Array[];
  lengths: Float32Array;
  totalLength: number;
}

/**
 * Collects postings in growable arrays and hands back only typed arrays. It is a function of its own
 * so that the scoring closure cannot keep the growable arrays alive (V8 shares one context between
 * closures of a scope): at 100,000 events they were tens of megabytes.
 */
export function collectPostings(docs: IndexedText[]): Postings {
  const termIds = new Map<string, number>();
  const postingDocs: number[][] = [];
  const postingTfs: number[][] = [];
  const lengths = new Float32Array(docs.length);
  let totalLength = 0;
  const tf = new Map<number, number>();
  docs.forEach((doc, d) => {
    tf.clear();
    const add = (text: string, boost: number) => {
      for (const term of analyze(text)) {
        let id = termIds.get(term);
        if (id === undefined) {
          id = postingDocs.length;
          termIds.set(term, id);
          postingDocs.push([]);
          postingTfs.push([]);
        }
        tf.set(id, (tf.get(id) ?? 0) + boost);
        lengths[d]! += boost;
      }
    };
    add(doc.title, FIELD_BOOST.title);
    add(doc.topics.join(' '), FIELD_BOOST.topics);
    if (doc.description) add(doc.description, FIELD_BOOST.description);
    totalLength += lengths[d]!;
    for (const [id, count] of tf) {
      postingDocs[id]!.push(d);
      postingTfs[id]!.push(Math.min(255, count));
    }
  });
  return {
    termIds,
    docsByTerm: postingDocs.map((list) => Int32Array.from(list)),
    tfsByTerm: postingTfs.map((list) => Uint8Array.from(list)),
    lengths,
    totalLength,
  };
}

/**
 * Each posting's BM25 term-frequency part depends only on its document, so it is computed once here
 * instead of at every query (a division and a random read of the document's length per posting). A
 * function of its own, so the scoring closure keeps only the parts, not the frequencies.
 */
function termParts(docsByTerm: Int32Array[], tfsByTerm: Uint8Array[], norms: Float32Array): Float32Array[] {
  return docsByTerm.map((postings, id) => {
    const tfs = tfsByTerm[id]!;
    const parts = new Float32Array(postings.length);
    for (let i = 0; i < postings.length; i++) parts[i] = (tfs[i]! * (K1 + 1)) / (tfs[i]! + norms[postings[i]!]!);
    return parts;
  });
}

/** A query's count of touched documents and best score so far, carried from term to term. */
interface Running {
  count: number;
  max: number;
}

/**
 * One term's postings added into a query's scores. A function of its own, seeing typed arrays only: the
 * expansion of a query's words around it meets new kinds of arrays as queries change, and the engine's
 * second thoughts about that code would otherwise throw away this loop's optimised code with it.
 */
function addPostings(
  postings: Int32Array,
  parts: Float32Array,
  factor: number,
  { values, touched, evidence }: ScoreBuffers,
  marks: boolean,
  running: Running,
): void {
  let { count, max } = running;
  for (let i = 0; i < postings.length; i++) {
    const d = postings[i]!;
    const before = values[d]!;
    if (before === 0) touched[count++] = d;
    // Additions are positive, so the largest running value is the largest final score; rounded
    // as the array stores it, so the best event's score divided by the max is exactly 1.
    const value = Math.fround(before + factor * parts[i]!);
    values[d] = value;
    if (value > max) max = value;
    if (marks) evidence[d] = 1;
  }
  running.count = count;
  running.max = max;
}

export function buildIndex(docs: IndexedText[]): RankIndex {
  return indexFromPostings(collectPostings(docs));
}

/** The index over postings collected before, here or by an earlier process (a persisted catalog). */
export function indexFromPostings(postings: Postings): RankIndex {
  const { termIds, docsByTerm, tfsByTerm, lengths, totalLength } = postings;
  // One length per document.
  const size = lengths.length;
  const averageLength = size > 0 ? totalLength / size : 1;
  // Sorted once, so the words a prefix opens are one binary search and a short scan away.
  const sortedTerms = [...termIds.keys()].sort();
  const withPrefix = (prefix: string): string[] => {
    const lo = lowerBound(sortedTerms, prefix);
    const out: string[] = [];
    for (let i = lo; i < sortedTerms.length && sortedTerms[i]!.startsWith(prefix); i++)
      if (sortedTerms[i] !== prefix) out.push(sortedTerms[i]!);
    return out;
  };
  const norms = new Float32Array(size);
  for (let d = 0; d < size; d++) norms[d] = K1 * (1 - B + (B * lengths[d]!) / averageLength);
  const partsByTerm = termParts(docsByTerm, tfsByTerm, norms);
  const buffers = (): ScoreBuffers => ({
    values: new Float32Array(size),
    touched: new Int32Array(size),
    evidence: new Uint8Array(size),
  });
  const titleMatches = new WeakMap<WeightedTerm[], number>();
  const running: Running = { count: 0, max: 0 };
  const idfOf = (postings: number) => Math.log(1 + (size - postings + 0.5) / (postings + 0.5));
  return {
    size,
    buffers,
    titleMatch(query) {
      // A profile's queries are the same arrays ranking after ranking (see interestQuery).
      const known = titleMatches.get(query);
      if (known !== undefined) return known;
      const tf = FIELD_BOOST.title;
      let best = 0;
      for (const { term, weight, evidence } of query) {
        const id = termIds.get(term);
        if (!evidence || id === undefined) continue;
        best = Math.max(best, weight * idfOf(docsByTerm[id]!.length) * ((tf * (K1 + 1)) / (tf + K1)));
      }
      titleMatches.set(query, best);
      return best;
    },
    score(query, into) {
      const target = into?.values.length === size ? into : buffers();
      const { values: scores, touched, evidence } = target;
      scores.fill(0);
      evidence.fill(0);
      running.count = 0;
      running.max = 0;
      const expanded: WeightedTerm[] = [];
      for (const entry of query) {
        expanded.push(entry);
        if (!entry.prefix) continue;
        for (const longer of withPrefix(entry.term)) {
          if (!entry.prefix.except.has(longer))
            expanded.push({
              term: longer,
              weight: entry.weight * entry.prefix.share,
              evidence: entry.evidence ?? false,
            });
        }
      }
      for (const { term, weight, evidence: marks } of expanded) {
        const id = termIds.get(term);
        if (id === undefined) continue;
        const postings = docsByTerm[id]!;
        const parts = partsByTerm[id]!;
        const idf = idfOf(postings.length);
        // The user's own words always count, however common.
        const contribution = weight * idf;
        if (
          weight < 1 &&
          (contribution < MIN_CONTRIBUTION ||
            (postings.length >= COMMON_POSTINGS && contribution < MIN_COMMON_CONTRIBUTION))
        )
          continue;
        addPostings(postings, parts, weight * idf, target, marks === true, running);
      }
      return { values: scores, max: running.max, touched: touched.subarray(0, running.count), evidence };
    },
  };
}
