import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { tokens } from '../core/lexicon.ts';

const STOPWORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or our the their this to we will with you your about after all also before but can do how into more new not only over so than that then these they through up use using was what when where which who why'.split(
    ' ',
  ),
);

const stemCache = new Map<string, string>();

function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    // Terms with symbols (c++, c#, .net, node.js) are names, not English words.
    stemmed = /^[a-z]+$/.test(word) ? PorterStemmer.stem(word) : word;
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Text to index terms: the lexicon's tokens, stopwords out, Porter stems ("meetups" and "meetup" meet). */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const token of tokens(text)) if (!STOPWORDS.has(token)) out.push(stem(token));
  return out;
}
