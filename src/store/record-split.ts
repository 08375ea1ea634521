import type { EventRecord } from '../core/event.ts';
import { stableId } from '../core/stable-id.ts';
import { placeKey } from '../ingest/dedupe.ts';
import { canonicalUrlKey } from '../ingest/text.ts';

/** What differs between the occurrences of one series; everything else is shared text. */
export type OccurrencePart = Pick<
  EventRecord,
  'uid' | 'recurrenceId' | 'start' | 'end' | 'allDay' | 'timeZone' | 'status'
>;
export type TextPart = Omit<EventRecord, keyof OccurrencePart>;

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

function textPart(r: EventRecord): TextPart {
  return {
    title: r.title,
    description: r.description,
    location: r.location,
    online: r.online,
    url: r.url,
    kind: r.kind,
    topics: r.topics,
    cfp: r.cfp,
    organizer: r.organizer,
  };
}

function sameText(a: EventRecord, b: EventRecord): boolean {
  return (
    a.title === b.title &&
    a.description === b.description &&
    a.location === b.location &&
    a.online === b.online &&
    a.url === b.url &&
    a.kind === b.kind &&
    a.topics === b.topics &&
    a.cfp === b.cfp &&
    a.organizer === b.organizer
  );
}

/**
 * Splits records into per-occurrence and shared parts. Parsers hand the occurrences of a series the
 * same field values (the same strings and objects), so a reference comparison against the last
 * record with that location object finds the shared text without serialising it again.
 */
export function createRecordSplitter(): (record: EventRecord) => SplitRecord {
  const lastByLocation = new WeakMap<
    object,
    { record: EventRecord; textId: string; textJson: string; urlKey: string | null; placeKey: string | null }
  >();
  return (record) => {
    let text = lastByLocation.get(record.location);
    if (!text || !sameText(text.record, record)) {
      const textJson = JSON.stringify(textPart(record));
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
    } satisfies OccurrencePart);
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
  return { ...(JSON.parse(textJson) as TextPart), ...(JSON.parse(occurrenceJson) as OccurrencePart) };
}
