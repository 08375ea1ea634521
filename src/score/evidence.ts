import type { QueryScores } from './bm25-index.ts';
import type { FieldSets } from './catalog.ts';
import type { LearnedColumn } from './learned-signal.ts';

/**
 * A weak match is never scaled up to a full one: an interest's best match counts as at least half of
 * what its own word once in a title would score.
 */
const TITLE_MATCH_FLOOR = 0.5;

/**
 * Only events with evidence of an interest keep their text score: its own words, or `inField` (1 where the
 * lexicon names its field in the event's title, description or labels, or the topic model ties the event to
 * it). Lexicon neighbours and expansion words add weight to such a match but never make one alone ("Go"
 * does not match WasmCon through "cloud"). Writes into the scores' buffers; `max` becomes the best
 * remaining score, raised to the floor.
 */
export function requireEvidence(scores: QueryScores, inField: Uint8Array, titleMatch: number): QueryScores {
  const { values, touched, evidence } = scores;
  let kept = 0;
  let max = 0;
  for (let k = 0; k < touched.length; k++) {
    const d = touched[k]!;
    // Typed-array reads only: this runs over every event an interest's words touch.
    if (evidence[d] === 1 || inField[d] === 1) {
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

/**
 * Per event, 1 when its fields (labels, or the field named in its text) hold `field` or the topic model
 * ties it to the field: what counts as evidence of an interest besides its own words.
 */
export function eventsInField(fieldSets: FieldSets, field: string, learned: LearnedColumn | undefined): Uint8Array {
  const { names, offsets, fields, ofEvent } = fieldSets;
  const has = new Uint8Array(offsets.length - 1);
  const number = names.indexOf(field);
  if (number >= 0)
    for (let set = 0; set < has.length; set++)
      for (let k = offsets[set]!; k < offsets[set + 1]!; k++) if (fields[k] === number) has[set] = 1;
  const marks = new Uint8Array(ofEvent.length);
  for (let i = 0; i < marks.length; i++) marks[i] = has[ofEvent[i]!]!;
  for (const i of learned?.events ?? []) marks[i] = 1;
  return marks;
}
