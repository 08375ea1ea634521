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

/** "RustFest" -> "Rust Fest", "CSSConf" -> "CSS Conf", "JSNation" -> "JS Nation": names glue words together. */
function camelParts(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
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
    for (const token of tokens(camelParts(text)))
      if (!STOPWORDS.has(token) && !whole.has(stem(token))) out.push(stem(token));
  }
  return out;
}
