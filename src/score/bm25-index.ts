import { analyze } from './analyze.ts';

/** Field boosts: a word in the title says more than the same word deep in a description. */
export const FIELD_BOOST = { title: 3, topics: 2, description: 1 } as const;
const K1 = 1.2;
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
}

export interface RankIndex {
  size: number;
  /**
   * BM25F scores of every document for a weighted query, in one dense array (0 = no match). Pass
   * `into` to reuse an array of `size` (it is cleared first) instead of allocating one per query.
   */
  score(query: WeightedTerm[], into?: Float32Array): Float32Array;
}

/**
 * A compact inverted index: per term, document numbers and boosted term frequencies in typed arrays.
 * Scoring walks only the postings of the query's terms into one dense accumulator, which is why it
 * stays fast at 100,000 events where a general-purpose search library builds heavy objects per term.
 */
export function buildIndex(docs: IndexedText[]): RankIndex {
  const termIds = new Map<string, number>();
  const postingDocs: number[][] = [];
  const postingTfs: number[][] = [];
  const lengths = new Float32Array(docs.length);
  let totalLength = 0;
  docs.forEach((doc, d) => {
    const tf = new Map<number, number>();
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
      postingTfs[id]!.push(count);
    }
  });
  const docsByTerm = postingDocs.map((list) => Int32Array.from(list));
  const tfsByTerm = postingTfs.map((list) => Float32Array.from(list));
  const averageLength = docs.length > 0 ? totalLength / docs.length : 1;
  // Sorted once, so the words a prefix opens are one binary search and a short scan away.
  const sortedTerms = [...termIds.keys()].sort();
  const withPrefix = (prefix: string): string[] => {
    let lo = 0;
    let hi = sortedTerms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedTerms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < sortedTerms.length && sortedTerms[i]!.startsWith(prefix); i++)
      if (sortedTerms[i] !== prefix) out.push(sortedTerms[i]!);
    return out;
  };
  const norms = new Float32Array(docs.length);
  for (let d = 0; d < docs.length; d++) norms[d] = K1 * (1 - B + (B * lengths[d]!) / averageLength);
  return {
    size: docs.length,
    score(query, into) {
      const scores = into?.length === docs.length ? into.fill(0) : new Float32Array(docs.length);
      const expanded: WeightedTerm[] = [];
      for (const entry of query) {
        expanded.push(entry);
        if (!entry.prefix) continue;
        for (const longer of withPrefix(entry.term)) {
          if (!entry.prefix.except.has(longer))
            expanded.push({ term: longer, weight: entry.weight * entry.prefix.share });
        }
      }
      for (const { term, weight } of expanded) {
        const id = termIds.get(term);
        if (id === undefined) continue;
        const postings = docsByTerm[id]!;
        const tfs = tfsByTerm[id]!;
        const idf = Math.log(1 + (docs.length - postings.length + 0.5) / (postings.length + 0.5));
        const factor = weight * idf;
        for (let i = 0; i < postings.length; i++) {
          const d = postings[i]!;
          const tf = tfs[i]!;
          scores[d]! += (factor * tf * (K1 + 1)) / (tf + norms[d]!);
        }
      }
      return scores;
    },
  };
}
