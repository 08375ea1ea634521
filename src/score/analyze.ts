import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { gluedWordsApart, tokens } from '../core/lexicon.ts';

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

/**
 * Text to index terms: the lexicon's tokens, stopwords out, Porter stems ("meetups" and "meetup"
 * meet). A glued name yields its whole word and its parts, so both "rustfest" and "rust" find it.
 */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const token of tokens(text)) if (!STOPWORDS.has(token)) out.push(stem(token));
  if (/[a-z0-9][A-Z]|[A-Z]{2}[a-z]/.test(text)) {
    const whole = new Set(out);
    for (const token of tokens(gluedWordsApart(text)))
      if (!STOPWORDS.has(token) && !whole.has(stem(token))) out.push(stem(token));
  }
  return out;
}

/** Like analyze, each term with the word it came from ("secur" from "security"), to quote the word back. */
export function analyzeQuoted(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const source of [text, gluedWordsApart(text)])
    for (const token of tokens(source)) if (!STOPWORDS.has(token) && !out.has(stem(token))) out.set(stem(token), token);
  return out;
}
