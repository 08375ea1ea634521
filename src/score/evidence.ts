import type { QueryScores } from './bm25-index.ts';

/**
 * A weak match is never scaled up to a full one: an interest's best match counts as at least half of
 * what its own word once in a title would score.
 */
const TITLE_MATCH_FLOOR = 0.5;

/** Which events name an interest's field: per event its combination of fields, per combination 1 if it holds it, and 1 per event the topic model ties to it. */
export interface FieldEvidence {
  setOf: Uint32Array;
  setHasField: Uint8Array;
  guessed: Uint8Array;
}

/**
 * Only events with evidence of an interest keep their text score: its own words, or the lexicon naming its
 * field in the event's title, description or labels (`inField`). Lexicon neighbours and expansion words
 * add weight to such a match but never make one alone ("Go" does not match WasmCon through "cloud").
 * Writes into the scores' buffers; `max` becomes the best remaining score, raised to the floor.
 */
export function requireEvidence(scores: QueryScores, inField: FieldEvidence, titleMatch: number): QueryScores {
  const { values, touched, evidence } = scores;
  const { setOf, setHasField, guessed } = inField;
  let kept = 0;
  let max = 0;
  for (let k = 0; k < touched.length; k++) {
    const d = touched[k]!;
    // Typed-array reads only: this runs over every event an interest's words touch.
    if (evidence[d] === 1 || setHasField[setOf[d]!] === 1 || guessed[d] === 1) {
      touched[kept++] = d;
      max = Math.max(max, values[d]!);
    } else values[d] = 0;
  }
  return { values, touched: touched.subarray(0, kept), evidence, max: Math.max(max, TITLE_MATCH_FLOOR * titleMatch) };
}

/** The floor alone, for a best score found later (within a window). */
export function withFloor(best: number, titleMatch: number): number {
  return Math.max(best, TITLE_MATCH_FLOOR * titleMatch);
}
