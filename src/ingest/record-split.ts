import { type EventRecord, type EventText, type EventTiming, eventTextOf, sameEventText } from '../core/event.ts';
import { stableId } from '../core/stable-id.ts';
import { placeKey } from './dedupe.ts';
import { canonicalUrlKey } from './text.ts';

export interface SplitRecord {
  occurrenceJson: string;
  textId: string;
  textJson: string;
  /** Text-derived keys for de-duplication, computed once per text. */
  urlKey: string | null;
  placeKey: string | null;
  /** Changes whenever anything in the record changes. */
  contentHash: string;
}

/**
 * Splits records into per-occurrence and shared parts; the shared text of a series is serialised once
 * (see sameEventText).
 */
export function createRecordSplitter(): (record: EventRecord) => SplitRecord {
  const lastByLocation = new WeakMap<
    object,
    { record: EventRecord; textId: string; textJson: string; urlKey: string | null; placeKey: string | null }
  >();
  return (record) => {
    let text = lastByLocation.get(record.location);
    if (!text || !sameEventText(text.record, record)) {
      const textJson = JSON.stringify(eventTextOf(record));
      text = {
        record,
        textId: stableId(textJson),
        textJson,
        urlKey: canonicalUrlKey(record.url),
        placeKey: placeKey(record),
      };
      lastByLocation.set(record.location, text);
    }
    const occurrenceJson = JSON.stringify({
      uid: record.uid,
      recurrenceId: record.recurrenceId,
      start: record.start,
      end: record.end,
      allDay: record.allDay,
      timeZone: record.timeZone,
      status: record.status,
    } satisfies EventTiming);
    return {
      occurrenceJson,
      textId: text.textId,
      textJson: text.textJson,
      urlKey: text.urlKey,
      placeKey: text.placeKey,
      contentHash: stableId(occurrenceJson, text.textId),
    };
  };
}

export function joinRecord(occurrenceJson: string, textJson: string): EventRecord {
  return { ...(JSON.parse(textJson) as EventText), ...(JSON.parse(occurrenceJson) as EventTiming) };
}
