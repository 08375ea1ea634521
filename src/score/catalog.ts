import { valueMs } from '../core/dates.ts';
import type { StoredEvent } from '../core/event.ts';
import { eventFields } from '../core/event-fields.ts';
import { foldText } from '../core/fold-text.ts';
import type { Lexicon } from '../core/lexicon.ts';
import { buildIndex, type RankIndex } from './bm25-index.ts';

/**
 * What ranking needs of a set of events, built once and shared by every profile ranked against it:
 * the text index, each event's fields (as small numbers) and start. Building is the slow part
 * (seconds at 100,000 events); ranking a profile against it is the fast part.
 */
export interface EventCatalog {
  events: StoredEvent[];
  text: RankIndex;
  startMs: Float64Array;
  /** 1 where the event is confirmed: the pass over every event reads bytes, not objects. */
  confirmed: Uint8Array;
  indexOf: Map<string, number>;
  /** Fields as small numbers, event i's in values[offsets[i]..offsets[i+1]), for passes over every event. */
  fieldNames: string[];
  fieldIds: { offsets: Uint32Array; values: Uint16Array };
  /** Event i's fields as names; built on demand for the few events that get full reasons. */
  fieldsOf(i: number): Set<string>;
  /** Title, organiser, place and description folded and space-padded, for whole-name matches; on demand. */
  foldedTextOf(i: number): string;
  /** Score arrays reused by successive rankings (synchronous, so never two at once). */
  scratch: Float32Array[];
}

export function buildCatalog(events: StoredEvent[], lexicon: Lexicon): EventCatalog {
  const startMs = new Float64Array(events.length);
  const confirmed = new Uint8Array(events.length);
  const fieldNames: string[] = [];
  const numberOf = new Map<string, number>();
  const offsets = new Uint32Array(events.length + 1);
  const values: number[] = [];
  events.forEach((event, i) => {
    startMs[i] = event.start ? valueMs(event.start) : Number.NaN;
    confirmed[i] = event.status === 'confirmed' ? 1 : 0;
    for (const name of eventFields(event, lexicon)) {
      let n = numberOf.get(name);
      if (n === undefined) {
        n = fieldNames.length;
        numberOf.set(name, n);
        fieldNames.push(name);
      }
      values.push(n);
    }
    offsets[i + 1] = values.length;
  });
  const fieldIds = { offsets, values: Uint16Array.from(values) };
  const folded = new Map<number, string>();
  return {
    events,
    text: buildIndex(events.map((e) => ({ title: e.title, topics: e.topics, description: e.description }))),
    startMs,
    confirmed,
    indexOf: new Map(events.map((e, i) => [e.id, i])),
    fieldNames,
    fieldIds,
    fieldsOf(i) {
      const names = new Set<string>();
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) names.add(fieldNames[fieldIds.values[k]!]!);
      return names;
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
    scratch: [],
  };
}
