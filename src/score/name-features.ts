import { foldText } from '../core/fold-text.ts';
import { gluedWordsApart } from '../core/lexicon.ts';
import { placeWords, type SeriesText } from './series-key.ts';

/**
 * What an event's name looks like, as features two sister events share: its words, the parts of its glued
 * words ("JSConf" is "JS Conf"), and four-letter pieces of each word, so that "CSSDAY" meets "CSS Day" and
 * "SmashingConf" meets "Smashing Conference". Its own place, years and edition numbers are left out:
 * "DevFest Berlin" and "Frontend Berlin" share nothing.
 */
export function nameFeatures(event: Pick<SeriesText, 'title' | 'city' | 'country'>): Set<string> {
  const place = placeWords(event);
  const out = new Set<string>();
  for (const word of foldText(`${event.title} ${gluedWordsApart(event.title)}`).split(' ')) {
    if (!word || place.has(word) || /\d/.test(word)) continue;
    for (const feature of wordFeatures(word)) out.add(feature);
  }
  return out;
}

const PIECE = 4;
const featuresOfWord = new Map<string, string[]>();

/** A word and its pieces: names repeat their words ("conf", "summit", "devops"), so each is worked out once. */
function wordFeatures(word: string): string[] {
  let features = featuresOfWord.get(word);
  if (!features) {
    features = [`w:${word}`];
    const marked = `^${word}$`;
    if (word.length >= PIECE - 1)
      for (let at = 0; at + PIECE <= marked.length; at++) features.push(`p:${marked.slice(at, at + PIECE)}`);
    if (featuresOfWord.size > 100_000) featuresOfWord.clear();
    featuresOfWord.set(word, features);
  }
  return features;
}
