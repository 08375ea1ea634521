import { valueMs } from '../core/dates.ts';
import { EVENT_STATUSES, type StoredEvent } from '../core/event.ts';
import { packParts, unpackParts } from '../core/packed-bytes.ts';
import { packLunrIndex, unpackLunrIndex } from './packed-lunr.ts';
import { type IndexedTexts, indexTexts } from './text-search.ts';

export const STATUSES = EVENT_STATUSES;

/**
 * A search index as a new process needs it: lunr's index of the window's texts, and per event its id,
 * text, start (NaN when undated) and status, so a caller can keep the matches its flags allow and read
 * only the page of events it shows.
 */
export interface SearchSnapshot {
  ids: string[];
  startMs: Float64Array;
  /** Index into STATUSES. */
  status: Uint8Array;
  texts: IndexedTexts;
}

export function searchSnapshot(events: readonly StoredEvent[]): SearchSnapshot {
  return {
    ids: events.map((e) => e.id),
    startMs: Float64Array.from(events, (e) => (e.start ? valueMs(e.start) : Number.NaN)),
    status: Uint8Array.from(events, (e) => STATUSES.indexOf(e.status)),
    texts: indexTexts(events),
  };
}

export function encodeSearchSnapshot(snapshot: SearchSnapshot): Uint8Array {
  return packParts({
    ...packLunrIndex(snapshot.texts.index),
    ids: JSON.stringify(snapshot.ids),
    docOf: snapshot.texts.docOf,
    startMs: snapshot.startMs,
    status: snapshot.status,
  });
}

export function decodeSearchSnapshot(bytes: Uint8Array): SearchSnapshot {
  const p = unpackParts(bytes);
  return {
    ids: JSON.parse(p.ids as string) as string[],
    startMs: p.startMs as Float64Array,
    status: p.status as Uint8Array,
    texts: { index: unpackLunrIndex(p), docOf: p.docOf as Int32Array },
  };
}
