import type { Lexicon } from '../core/lexicon.ts';
import type { Interest } from '../core/profile.ts';
import { analyze } from './analyze.ts';
import type { WeightedTerm } from './bm25-index.ts';

/** How much the lexicon's words for a field, and for its neighbours, count beside the user's own words. */
const FIELD_TERMS = 0.6;
const RELATED_TERMS = 0.15;

export interface InterestQuery {
  interest: Interest;
  field: string;
  label: string;
  terms: WeightedTerm[];
}

const PREFIX_SHARE = 0.8;
const otherWordsCache = new Map<string, Set<string>>();

function otherFieldWords(field: string, lexicon: Lexicon): Set<string> {
  let words = otherWordsCache.get(field);
  if (!words) {
    words = new Set();
    for (const other of lexicon.fieldIds) {
      if (other === field) continue;
      for (const phrase of [other, lexicon.label(other), ...lexicon.terms(other), ...lexicon.conferences(other)]) {
        for (const word of analyze(phrase)) words.add(word);
      }
    }
    otherWordsCache.set(field, words);
  }
  return words;
}

const queryCache = new WeakMap<Lexicon, Map<string, InterestQuery>>();

/** An interest as a weighted query: its own words, its field's terms and names, a little of the fields next to it. */
export function interestQuery(interest: Interest, lexicon: Lexicon): InterestQuery {
  // Every ranking of a profile asks for the same few queries; building one analyses a field's whole vocabulary.
  let cache = queryCache.get(lexicon);
  if (!cache) {
    cache = new Map();
    queryCache.set(lexicon, cache);
  }
  const key = `${interest.weight}\u0000${interest.term}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const query = buildInterestQuery(interest, lexicon);
  if (cache.size > 10_000) cache.clear();
  cache.set(key, query);
  return query;
}

function buildInterestQuery(interest: Interest, lexicon: Lexicon): InterestQuery {
  const field = lexicon.fieldOf(interest.term);
  const weights = new Map<string, number>();
  const prefixed = new Map<string, NonNullable<WeightedTerm['prefix']>>();
  // A word out of a phrase ("model" out of "threat model") says less than the phrase did.
  const add = (phrases: string[], weight: number) => {
    for (const phrase of phrases) {
      const words = analyze(phrase);
      const w = words.length > 1 ? weight / 2 : weight;
      for (const term of words) weights.set(term, Math.max(weights.get(term) ?? 0, w));
    }
  };
  for (const related of lexicon.related(field)) add([lexicon.label(related), ...lexicon.terms(related)], RELATED_TERMS);
  add(
    [lexicon.label(field), ...lexicon.terms(field), ...lexicon.communities(field), ...lexicon.conferences(field)],
    FIELD_TERMS,
  );
  add([interest.term], 1);
  // The user's own words also open longer words ("rust" finds "rustconf"), except words that belong
  // to another field ("java" must not find "javascript").
  const except = otherFieldWords(field, lexicon);
  const own = new Set(analyze(interest.term));
  for (const term of own) {
    if (term.length >= 3) prefixed.set(term, { share: PREFIX_SHARE, except });
  }
  return {
    interest,
    field,
    label: lexicon.label(field) === field ? interest.term : lexicon.label(field),
    terms: [...weights].map(([term, weight]) => {
      const prefix = prefixed.get(term);
      const evidence = own.has(term);
      return prefix ? { term, weight, prefix, evidence } : { term, weight, evidence };
    }),
  };
}
