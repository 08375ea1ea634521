import type { StoredEvent } from '../core/event.ts';
import type { RankingWeights, Reason } from '../core/ranking.ts';
import type { TopicModel } from './topic-model.ts';

/** Per field, the catalog's events the topic model ties to it: numbers ascending, strengths and words alike. */
export interface LearnedColumn {
  events: Int32Array;
  strength: Float32Array;
  because: string[];
  /** Event number -> position in the column, for the few events that get full reasons. */
  at: Map<number, number>;
}

/**
 * The model's guesses for every event of a catalog, by field: worked out once per catalog, so a ranking
 * reads an interest's learned signal as a short list instead of asking the model per event.
 */
export function learnedColumns(events: StoredEvent[], model: TopicModel): Map<string, LearnedColumn> {
  const columns = new Map<string, { events: number[]; strength: number[]; because: string[] }>();
  if (model.examples === 0) return new Map();
  events.forEach((event, i) => {
    for (const guess of model.guess(event)) {
      let column = columns.get(guess.field);
      if (!column) {
        column = { events: [], strength: [], because: [] };
        columns.set(guess.field, column);
      }
      column.events.push(i);
      column.strength.push(guess.strength);
      column.because.push(guess.because);
    }
  });
  return new Map(
    [...columns].map(([field, c]) => [
      field,
      {
        events: Int32Array.from(c.events),
        strength: Float32Array.from(c.strength),
        because: c.because,
        at: new Map(c.events.map((e, k) => [e, k])),
      },
    ]),
  );
}

/** What the topic model's guess for an interest's field weighs: its strength times the interest's share. */
export function learnedWeight(strength: number, share: number, weights: RankingWeights): number {
  return weights.learned * strength * share;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The learned reason of one event for one interest's field, or null when the model says nothing. */
export function learnedReason(
  column: LearnedColumn | undefined,
  index: number,
  share: number,
  weights: RankingWeights,
): Reason | null {
  const k = column?.at.get(index);
  if (column === undefined || k === undefined) return null;
  const weight = round(learnedWeight(column.strength[k]!, share, weights));
  return weight > 0 ? { kind: 'learned', text: column.because[k]!, weight } : null;
}
