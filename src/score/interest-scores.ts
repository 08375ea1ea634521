import type { TimeWindow } from '../core/window.ts';
import type { QueryScores } from './bm25-index.ts';
import { bestWithin } from './candidates.ts';
import type { EventCatalog } from './catalog.ts';
import { requireEvidence, withFloor } from './evidence.ts';
import type { InterestQuery } from './interest-query.ts';
import type { LearnedColumn } from './learned-signal.ts';

/** Per combination of fields (see FieldSets), 1 when it holds the field. */
function combinationsWith(catalog: EventCatalog, field: string): Uint8Array {
  const { names, offsets, fields } = catalog.fieldSets;
  const has = new Uint8Array(offsets.length - 1);
  const number = names.indexOf(field);
  if (number < 0) return has;
  for (let set = 0; set < has.length; set++)
    for (let k = offsets[set]!; k < offsets[set + 1]!; k++) if (fields[k] === number) has[set] = 1;
  return has;
}

/**
 * Each interest's text scores over the catalog, kept only where the event shows evidence of it (its own
 * words, its field named in the text or labels, or the topic model's guess for the field), and the best of
 * them inside the window (the scale of its reasons), with the topic model's guesses for its field.
 */
export function interestScores(
  catalog: EventCatalog,
  queries: InterestQuery[],
  window: TimeWindow | undefined,
): { scores: QueryScores[]; learned: (LearnedColumn | undefined)[] } {
  const { scratch } = catalog;
  const { ofEvent } = catalog.fieldSets;
  const learned = queries.map((q) => catalog.learned.get(q.field));
  const scores = queries.map((q, n) => {
    scratch.scores[n] ??= catalog.text.buffers();
    const has = combinationsWith(catalog, q.field);
    const marks = scratch.marks;
    const guessed = learned[n]?.events ?? new Int32Array(0);
    for (const i of guessed) marks[i] = 1;
    const titleMatch = catalog.text.titleMatch(q.terms);
    const scored = requireEvidence(
      catalog.text.score(q.terms, scratch.scores[n]),
      { setOf: ofEvent, setHasField: has, guessed: marks },
      titleMatch,
    );
    for (const i of guessed) marks[i] = 0;
    return window ? { ...scored, max: withFloor(bestWithin(scored, catalog, window), titleMatch) } : scored;
  });
  return { scores, learned };
}
