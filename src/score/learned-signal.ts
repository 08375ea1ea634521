import type { StoredEvent } from '../core/event.ts';
import type { RankingWeights, Reason } from '../core/ranking.ts';
import { lowerBound } from './lower-bound.ts';
import { DESCRIPTION_CHARS, type TopicModel } from './topic-model.ts';

/** Per field, the catalog's events the topic model ties to it: numbers ascending, strengths and words alike. */
export interface LearnedColumn {
  events: Int32Array;
  strength: Float32Array;
  /** The guess's words for event i, worked out again for the few events whose reasons are written. */
  because(index: number): string;
}

/** Where event i sits in a column (its events are in ascending order), or -1: a binary search, no map to keep. */
export function positionIn(column: LearnedColumn, index: number): number {
  const at = lowerBound(column.events, index);
  return column.events[at] === index ? at : -1;
}

/**
 * The model's guesses for every event of a catalog, by field: worked out once per catalog, so a ranking
 * reads an interest's learned signal as a short list instead of asking the model per event.
 */
export function learnedColumns(events: StoredEvent[], model: TopicModel): Map<string, LearnedColumn> {
  return withGuessWords(learnedArrays(events, model), events, model);
}

/** A learned column's numbers alone: what a persisted catalog keeps. */
export type LearnedArrays = Map<string, { events: Int32Array; strength: Float32Array }>;

export function learnedArrays(events: StoredEvent[], model: TopicModel): LearnedArrays {
  const columns = new Map<string, { events: number[]; strength: number[] }>();
  if (model.examples === 0) return new Map();
  // The occurrences of a series share their text, and the model's strengths depend on nothing else.
  const bySeriesText = new Map<string, ReturnType<TopicModel['guess']>>();
  events.forEach((event, i) => {
    const key = `${event.title}\u0000${event.url}\u0000${event.city}\u0000${event.country}\u0000${event.topics.join('\u0000')}\u0000${event.description?.slice(0, DESCRIPTION_CHARS)}`;
    let guesses = bySeriesText.get(key);
    if (!guesses) {
      guesses = model.guess(event);
      bySeriesText.set(key, guesses);
    }
    for (const guess of guesses) {
      let column = columns.get(guess.field);
      if (!column) {
        column = { events: [], strength: [] };
        columns.set(guess.field, column);
      }
      column.events.push(i);
      column.strength.push(guess.strength);
    }
  });
  return new Map(
    [...columns].map(([field, c]) => [
      field,
      { events: Int32Array.from(c.events), strength: Float32Array.from(c.strength) },
    ]),
  );
}

/** Learned columns over their numbers, with the model to word a guess when a reason is written. */
export function withGuessWords(
  arrays: LearnedArrays,
  events: StoredEvent[],
  model: TopicModel,
): Map<string, LearnedColumn> {
  return new Map(
    [...arrays].map(([field, column]) => [field, { ...column, because: rememberedWords(events, model, field) }]),
  );
}

/**
 * The words of a column's guesses, asked of the model again (it answers in tens of microseconds) and kept:
 * a shared catalog shows the same few picks to request after request.
 */
function rememberedWords(events: StoredEvent[], model: TopicModel, field: string): (index: number) => string {
  const known = new Map<number, string>();
  return (index) => {
    let words = known.get(index);
    if (words === undefined) {
      words =
        model
          .guess(events[index]!)
          .find((g) => g.field === field)
          ?.because() ?? '';
      if (known.size > 10_000) known.clear();
      known.set(index, words);
    }
    return words;
  };
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
  const k = column ? positionIn(column, index) : -1;
  if (column === undefined || k < 0) return null;
  const weight = round(learnedWeight(column.strength[k]!, share, weights));
  if (weight <= 0) return null;
  // Reasons are written for a few hundred candidates, of which only the picks are shown: their words
  // are worked out for those alone (see withLearnedText).
  const reason: Reason = { kind: 'learned', text: '', weight };
  unwritten.set(reason, () => column.because(index));
  return reason;
}

const unwritten = new WeakMap<Reason, () => string>();

/** A pick's learned reason with its words, worked out now (other reasons as they are). */
export function withLearnedText(reason: Reason): Reason {
  const words = unwritten.get(reason);
  return words ? { ...reason, text: words() } : reason;
}
