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

/**
 * The same guesses by event: event i's are entries offsets[i]..offsets[i+1] of `column` (a field's number
 * among `fields`) and `strength`. A candidate's reasons look up each interest's guess here, among the
 * event's own few guesses side by side, rather than by a binary search in every interest's column.
 */
export interface LearnedByEvent {
  fields: string[];
  offsets: Uint32Array;
  column: Uint16Array;
  strength: Float32Array;
}

export function learnedByEvent(columns: ReadonlyMap<string, LearnedColumn>, size: number): LearnedByEvent {
  const fields = [...columns.keys()];
  const offsets = new Uint32Array(size + 1);
  for (const { events } of columns.values()) for (let k = 0; k < events.length; k++) offsets[events[k]! + 1]!++;
  for (let i = 0; i < size; i++) offsets[i + 1]! += offsets[i]!;
  const next = offsets.slice(0, size);
  const column = new Uint16Array(offsets[size]!);
  const strength = new Float32Array(offsets[size]!);
  fields.forEach((field, c) => {
    const { events, strength: strengths } = columns.get(field)!;
    for (let k = 0; k < events.length; k++) {
      const at = next[events[k]!]!++;
      column[at] = c;
      strength[at] = strengths[k]!;
    }
  });
  return { fields, offsets, column, strength };
}

/** The strength of the guess for field number `c` (see LearnedByEvent) for event i; 0 without one. */
export function learnedStrength(byEvent: LearnedByEvent, index: number, c: number): number {
  const { offsets, column, strength } = byEvent;
  for (let at = offsets[index]!; at < offsets[index + 1]!; at++) if (column[at] === c) return strength[at]!;
  return 0;
}

/** What the topic model's guess for an interest's field weighs: its strength times the interest's share. */
export function learnedWeight(strength: number, share: number, weights: RankingWeights): number {
  return weights.learned * strength * share;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** What a guess of this strength weighs in a learned reason (rounded); 0 when the model says nothing. */
export function learnedReasonWeight(strength: number, share: number, weights: RankingWeights): number {
  return strength === 0 ? 0 : Math.max(0, round(learnedWeight(strength, share, weights)));
}

/**
 * A learned reason whose words are worked out when it is shown: reasons are written for a few hundred
 * candidates, of which only the picks are shown, and wording a guess asks the model again. The column
 * and event are private fields, so neither a copy nor JSON carries them.
 */
class UnwrittenLearnedReason implements Reason {
  readonly kind = 'learned';
  readonly text = '';
  readonly #column: LearnedColumn;
  readonly #index: number;
  constructor(
    column: LearnedColumn,
    index: number,
    readonly weight: number,
  ) {
    this.#column = column;
    this.#index = index;
  }
  written(): Reason {
    return { kind: this.kind, text: this.#column.because(this.#index), weight: this.weight };
  }
}

/** The learned reason of event i for a column, of a weight found by learnedReasonWeight (above 0). */
export function learnedReason(column: LearnedColumn, index: number, weight: number): Reason {
  return new UnwrittenLearnedReason(column, index, weight);
}

/** A pick's learned reason with its words, worked out now (other reasons as they are). */
export function withLearnedText(reason: Reason): Reason {
  return reason instanceof UnwrittenLearnedReason ? reason.written() : reason;
}
