import { valueMs } from '../core/dates.ts';
import type { StoredEvent } from '../core/event.ts';
import { eventFields } from '../core/event-fields.ts';
import { foldText } from '../core/fold-text.ts';
import type { Lexicon } from '../core/lexicon.ts';
import { collectPostings, indexFromPostings, type Postings, type RankIndex } from './bm25-index.ts';
import { eventsInField } from './evidence.ts';
import {
  type LearnedArrays,
  type LearnedByEvent,
  type LearnedColumn,
  learnedArrays,
  learnedByEvent,
  withGuessWords,
} from './learned-signal.ts';
import { type ScratchPool, scratchPool } from './ranking-scratch.ts';
import { spanOf } from './select.ts';
import { NO_TOPIC_MODEL, type TopicModel } from './topic-model.ts';

/**
 * Events' fields as combinations: events that share the same fields share one entry. A catalog of
 * 100,000 events has a few hundred combinations, so a signal that depends on fields is worked out once
 * per combination and read by every event with one lookup.
 */
export interface FieldSets {
  names: string[];
  /** Combination c's field numbers are fields[offsets[c]..offsets[c+1]). */
  offsets: Uint32Array;
  fields: Uint16Array;
  /** Per event, its combination. */
  ofEvent: Uint32Array;
}

/**
 * What ranking needs of a set of events, built once and shared by every profile ranked against it:
 * the text index, each event's fields (as small numbers) and start. Building is the slow part
 * (seconds at 100,000 events); ranking a profile against it is the fast part.
 */
export interface EventCatalog {
  events: StoredEvent[];
  text: RankIndex;
  /** Start of each confirmed event; NaN for cancelled or undated ones, which no time window holds. */
  rankableStartMs: Float64Array;
  /**
   * Event numbers by rankable start, soonest first, the cancelled and undated last: the events before a
   * moment are a prefix, found by binary search, so a ranking need not test every event's start.
   */
  byStart: Int32Array;
  indexOf: Map<string, number>;
  fieldSets: FieldSets;
  /** When event i starts and ends in ms (an hour when the source gives no end), parsed once. */
  spanOf(i: number): [number, number];
  /** Event i's fields as names; built on demand for the few events that get full reasons. */
  fieldsOf(i: number): Set<string>;
  /** Title, organiser, place and description folded and space-padded, for whole-name matches; on demand. */
  foldedTextOf(i: number): string;
  /**
   * The event number of each entry of a list of events (by id), -1 where the catalog does not hold it;
   * remembered per list, which must not change afterwards: a gap summary names thousands of events by
   * id, each a hash lookup of about a quarter microsecond among 100,000.
   */
  numbersOf(list: readonly { eventId: string }[]): Int32Array;
  /** Per field, the events the topic model learned from labelled history ties to it (empty without history). */
  learned: Map<string, LearnedColumn>;
  /** The same guesses by event (see LearnedByEvent). */
  learnedByEvent: LearnedByEvent;
  /**
   * Per event, 1 when it names the field (labels, title, description) or the topic model ties it to the
   * field (see eventsInField): worked out once per field asked, not per ranking.
   */
  inField(field: string): Uint8Array;
  /** Each ranking's own arrays, reused by the next ranking once it releases them. */
  scratch: ScratchPool;
}

function collectFieldSets(events: StoredEvent[], lexicon: Lexicon): FieldSets {
  const names: string[] = [];
  const numberOf = new Map<string, number>();
  const setOf = new Map<string, number>();
  const offsets: number[] = [0];
  const fields: number[] = [];
  const ofEvent = new Uint32Array(events.length);
  events.forEach((event, i) => {
    const numbers: number[] = [];
    for (const name of eventFields(event, lexicon)) {
      let n = numberOf.get(name);
      if (n === undefined) {
        n = names.length;
        numberOf.set(name, n);
        names.push(name);
      }
      numbers.push(n);
    }
    // The order is kept, not sorted: whoever lists an event's fields sees them as eventFields gave them.
    const key = numbers.join(',');
    let set = setOf.get(key);
    if (set === undefined) {
      set = offsets.length - 1;
      setOf.set(key, set);
      fields.push(...numbers);
      offsets.push(fields.length);
    }
    ofEvent[i] = set;
  });
  return { names, offsets: Uint32Array.from(offsets), fields: Uint16Array.from(fields), ofEvent };
}

/**
 * What building a catalog works out from its events, as typed arrays and maps: the slow part, which a
 * persisted catalog keeps (see usecases/catalog-snapshot.ts) so a new process need not redo it.
 */
export interface CatalogParts {
  postings: Postings;
  fieldSets: FieldSets;
  learned: LearnedArrays;
  rankableStartMs: Float64Array;
  byStart: Int32Array;
  endMs: Float64Array;
}

export function buildCatalog(
  events: StoredEvent[],
  lexicon: Lexicon,
  model: TopicModel = NO_TOPIC_MODEL,
): EventCatalog {
  return catalogFromParts(events, catalogParts(events, lexicon, model), model);
}

export function catalogParts(events: StoredEvent[], lexicon: Lexicon, model: TopicModel): CatalogParts {
  const rankableStartMs = Float64Array.from(events, (event) =>
    event.start && event.status === 'confirmed' ? valueMs(event.start) : Number.NaN,
  );
  const byStart = Int32Array.from(events.keys()).sort((a, b) => {
    const x = rankableStartMs[a]!;
    const y = rankableStartMs[b]!;
    return Number.isNaN(x) ? (Number.isNaN(y) ? a - b : 1) : Number.isNaN(y) ? -1 : x - y || a - b;
  });
  return {
    postings: collectPostings(events.map((e) => ({ title: e.title, topics: e.topics, description: e.description }))),
    fieldSets: collectFieldSets(events, lexicon),
    learned: learnedArrays(events, model),
    rankableStartMs,
    byStart,
    endMs: Float64Array.from(events, (event) => (event.start ? spanOf(event)[1] : Number.NaN)),
  };
}

/** The catalog over its events and the parts worked out from them (now or by an earlier process). */
export function catalogFromParts(events: StoredEvent[], parts: CatalogParts, model: TopicModel): EventCatalog {
  const { fieldSets, rankableStartMs, byStart, endMs } = parts;
  const { names, offsets, fields, ofEvent } = fieldSets;
  const folded = new Map<number, string>();
  // Built when first asked (feedback, follows): a first ranking without them need not map every id.
  let byId: Map<string, number> | undefined;
  const indexOf = () => {
    byId ??= new Map(events.map((e, i) => [e.id, i]));
    return byId;
  };
  const remembered = new WeakMap<readonly { eventId: string }[], Int32Array>();
  const learned = withGuessWords(parts.learned, events, model);
  const inField = new Map<string, Uint8Array>();
  const text = indexFromPostings(parts.postings);
  return {
    events,
    text,
    rankableStartMs,
    byStart,
    get indexOf() {
      return indexOf();
    },
    fieldSets,
    spanOf(i) {
      const start = rankableStartMs[i]!;
      // Cancelled events have no rankable start; they are parsed again in the rare case one is asked for.
      return Number.isNaN(start) ? spanOf(events[i]!) : [start, endMs[i]!];
    },
    fieldsOf(i) {
      const set = ofEvent[i]!;
      const result = new Set<string>();
      for (let k = offsets[set]!; k < offsets[set + 1]!; k++) result.add(names[fields[k]!]!);
      return result;
    },
    foldedTextOf(i) {
      let text = folded.get(i);
      if (text === undefined) {
        const e = events[i]!;
        text = ` ${foldText(`${e.title} ${e.organizer ?? ''} ${e.location.text ?? ''} ${e.description ?? ''}`)} `;
        if (folded.size > 50_000) folded.clear();
        folded.set(i, text);
      }
      return text;
    },
    numbersOf(list) {
      let numbers = remembered.get(list);
      if (!numbers) {
        numbers = Int32Array.from(list, ({ eventId }) => indexOf().get(eventId) ?? -1);
        remembered.set(list, numbers);
      }
      return numbers;
    },
    learned,
    learnedByEvent: learnedByEvent(learned, events.length),
    inField(field) {
      let marks = inField.get(field);
      if (!marks) {
        marks = eventsInField(fieldSets, field, learned.get(field));
        // Interests outside the lexicon are fields of their own: a bound keeps odd profiles from piling up.
        if (inField.size >= 256) inField.clear();
        inField.set(field, marks);
      }
      return marks;
    },
    scratch: scratchPool(text),
  };
}
