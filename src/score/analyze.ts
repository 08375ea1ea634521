import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { gluedWordsApart, tokens } from '../core/lexicon.ts';

const STOPWORDS = new Set(
  'a an and are as at be by for from has have in is it its of on or our the their this to we will with you your about after all also before but can do how into more new not only over so than that then these they through up use using was what when where which who why'.split(
    ' ',
  ),
);

const stemCache = new Map<string, string>();

function stem(word: string): string {
  // Terms with symbols or digits (c++, c#, .net, node.js, #42) are names, not English words: kept as they
  // are and out of the cache, which numbers and addresses would otherwise fill and flush.
  if (!LETTERS_ONLY.test(word)) return word;
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = PorterStemmer.stem(word);
    // Porter takes "-ible"/"-able" off as well, so "accessibility" would be "access" (as in Identity &
    // Access Management) and "observability" would be "observe": such words keep that suffix.
    const able = ABLE.exec(word);
    if (able && stemmed.length < able[1]!.length + 2) stemmed = `${able[1]}bl`;
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, stemmed);
  }
  return stemmed;
}

const LETTERS_ONLY = /^[a-z]+$/;
const ABLE = /^([a-z]{3,}[ai])(ble|bles|bly|bility|bilities)$/;

/**
 * Text to index terms: the lexicon's tokens, stopwords out, Porter stems ("meetups" and "meetup"
 * meet). A glued name yields its whole word and its parts, so both "rustfest" and "rust" find it.
 */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const token of tokens(text)) if (!STOPWORDS.has(token)) out.push(stem(token));
  // Splitting the glued words alone spares a second pass over a long description.
  const glued = gluedWords(text);
  if (glued) {
    const whole = new Set(out);
    for (const token of tokens(gluedWordsApart(glued)))
      if (!STOPWORDS.has(token) && !whole.has(stem(token))) out.push(stem(token));
  }
  return out;
}

const GLUE = /[a-z0-9][A-Z]|[A-Z]{2}[a-z]/;

/** The words of a text that glue words together ("RustFest"), or null: only they have parts to add. */
function gluedWords(text: string): string | null {
  return GLUE.test(text)
    ? text
        .split(/\s+/)
        .filter((word) => GLUE.test(word))
        .join(' ')
    : null;
}

/** Like analyze, each term with the word it came from ("secur" from "security"), to quote the word back. */
export function analyzeQuoted(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const glued = gluedWords(text);
  for (const source of glued ? [text, gluedWordsApart(glued)] : [text])
    for (const token of tokens(source)) {
      if (STOPWORDS.has(token)) continue;
      const term = stem(token);
      if (!out.has(term)) out.set(term, token);
    }
  return out;
}
