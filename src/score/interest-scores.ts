import type { TimeWindow } from '../core/window.ts';
import type { QueryScores } from './bm25-index.ts';
import { bestWithin } from './candidates.ts';
import type { EventCatalog } from './catalog.ts';
import { requireEvidence, withFloor } from './evidence.ts';
import type { InterestQuery } from './interest-query.ts';
import type { LearnedColumn } from './learned-signal.ts';
import type { RankingScratch } from './ranking-scratch.ts';

/**
 * Each interest's text scores over the catalog, kept only where the event shows evidence of it (its own
 * words, its field named in the text or labels, or the topic model's guess for the field), and the best of
 * them inside the window (the scale of its reasons), with the topic model's guesses for its field.
 */
export function interestScores(
  catalog: EventCatalog,
  queries: InterestQuery[],
  window: TimeWindow | undefined,
  scratch: RankingScratch,
): { scores: QueryScores[]; learned: (LearnedColumn | undefined)[] } {
  const learned = queries.map((q) => catalog.learned.get(q.field));
  const scores = queries.map((q, n) => {
    const titleMatch = catalog.text.titleMatch(q.terms);
    const scored = requireEvidence(
      catalog.text.score(q.terms, scratch.scoreBuffers(n)),
      catalog.inField(q.field),
      titleMatch,
    );
    return window ? { ...scored, max: withFloor(bestWithin(scored, catalog, window), titleMatch) } : scored;
  });
  return { scores, learned };
}
