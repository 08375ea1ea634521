import type { EventRecord, EventText, StoredEvent } from '../core/event.ts';
import type { DedupeCandidate, DedupeMatcher, EventQuery, EventsPort, IngestSuccess } from '../core/event-store.ts';
import { stableId } from '../core/stable-id.ts';
import { placeKey } from '../ingest/dedupe.ts';
import {
  candidateDays,
  DAY_MS,
  dayRuns,
  identifyRecords,
  planIngest,
  type StoredOccurrence,
} from '../ingest/plan-ingest.ts';
import { joinRecord } from '../ingest/record-split.ts';
import { bumpEventsCounter } from './change-counter.ts';
import {
  countEvents,
  EVENT_ORDER,
  firstEventIds,
  type ListedRow,
  rowsOfEvents,
  SELECT_EVENTS,
} from './event-pages-sql.ts';
import { type RowCarrier, rowTailFor, writeIngestPlan } from './ingest-writes.ts';
import { oneAtATime } from './one-at-a-time.ts';
import { type OccurrenceRow, toStoredEvents } from './rows.ts';
import type { SqlDriver, SqlStatement } from './sql-driver.ts';
import { bindsRows, chunked, jsonEachOf, jsonRowChunks, MAX_PARAMS, placeholders } from './statement-limits.ts';

type EventRow = ListedRow;

interface CandidateRow {
  event_id: string;
  uid: string;
  start: string | null;
  start_ms: number;
  all_day: number;
  title: string;
  url_key: string | null;
  place: string | null;
  online: string;
}

function toCandidate(row: CandidateRow): DedupeCandidate {
  return {
    eventId: row.event_id,
    uid: row.uid,
    start: row.start,
    allDay: row.all_day === 1,
    title: row.title,
    urlKey: row.url_key,
    place: row.place,
    online: row.online === 'hybrid' ? 'hybrid' : row.online === 'true',
  };
}

export function createEventsPort(db: SqlDriver): EventsPort {
  const ingestsInTurn = oneAtATime();
  const jsonEach = jsonEachOf(db);
  const carrier = async (): Promise<RowCarrier> => (bindsRows(db) ? 'values' : jsonEach());
  const storedOf = async (sourceId: string): Promise<StoredOccurrence[]> => {
    const rows = await db.all<
      Pick<OccurrenceRow, 'id' | 'event_id' | 'content_hash' | 'status' | 'start_ms' | 'published_ms' | 'listed'>
    >(
      'SELECT id, event_id, content_hash, status, start_ms, published_ms, listed FROM occurrences WHERE source_id = ?',
      [sourceId],
    );
    return rows.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      contentHash: r.content_hash,
      status: r.status,
      startMs: r.start_ms,
      publishedMs: r.published_ms,
      listed: r.listed === 1,
    }));
  };

  /**
   * Other sources' events on the given UTC days, by day: each run of days is one range of the start
   * index (CROSS JOIN keeps the runs the outer loop; left to itself SQLite scanned every occurrence).
   */
  const candidatesOn = async (sourceId: string, days: number[]): Promise<Map<number, DedupeCandidate[]>> => {
    const byDay = new Map<number, DedupeCandidate[]>();
    const ranges = dayRuns(days).map(([first, last]) => [first * DAY_MS, (last + 1) * DAY_MS]);
    for (const json of jsonRowChunks(ranges)) {
      const rows = await db.all<CandidateRow>(
        `SELECT o.event_id, o.uid, o.start, o.start_ms, o.all_day, o.title, o.url_key, o.place, o.online
        FROM json_each(?) r CROSS JOIN occurrences o ON o.start_ms >= r.value->>0 AND o.start_ms < r.value->>1
        WHERE o.source_id <> ? ORDER BY o.start_ms, o.rowid`,
        [json, sourceId],
      );
      for (const row of rows) {
        const day = Math.floor(row.start_ms / DAY_MS);
        const list = byDay.get(day);
        if (list) list.push(toCandidate(row));
        else byDay.set(day, [toCandidate(row)]);
      }
    }
    return byDay;
  };

  const eventsByIds = async (ids: readonly string[]): Promise<StoredEvent[]> => {
    const events: StoredEvent[] = [];
    for (const chunk of chunked([...new Set(ids)], MAX_PARAMS)) {
      const rows = await db.all<EventRow>(
        `${SELECT_EVENTS} WHERE o.event_id IN (${placeholders(chunk.length)}) ${EVENT_ORDER}`,
        chunk,
      );
      events.push(...toStoredEvents(rows));
    }
    return events;
  };

  /** The run's plan; what it was made from (the identified records, the stored rows) goes with this frame. */
  const planRun = async (
    sourceId: string,
    records: Iterable<EventRecord>,
    outcome: IngestSuccess,
    matcher: DedupeMatcher,
    rowsAs: RowCarrier,
  ) => {
    const stored = await storedOf(sourceId);
    const identified = identifyRecords(sourceId, records, rowTailFor(rowsAs));
    const candidatesByDay = await candidatesOn(sourceId, candidateDays(identified, stored));
    return planIngest({ records: identified, stored, candidatesByDay, outcome, matcher });
  };

  return {
    saveIngest(sourceId: string, records: Iterable<EventRecord>, outcome: IngestSuccess, matcher: DedupeMatcher) {
      // Read, plan, write: no interactive transaction, so the same code runs over D1's batches.
      return ingestsInTurn(async () => {
        const rowsAs = await carrier();
        const plan = await planRun(sourceId, records, outcome, matcher, rowsAs);
        await db.batch(writeIngestPlan(sourceId, plan, outcome, rowsAs));
        return plan.counts;
      });
    },
    async listEvents(query: EventQuery) {
      if (query.ids || query.limit) {
        const ids = query.ids ?? (await firstEventIds(db, query, query.limit!));
        const position = new Map(ids.map((id, i) => [id, i]));
        // Events that start together come in the order the scan met them, as in the full listing.
        const rows = (await rowsOfEvents(db, ids, query)).sort(
          (a, b) => position.get(a.event_id)! - position.get(b.event_id)!,
        );
        const events = toStoredEvents(rows);
        return query.limit ? events.slice(0, query.limit) : events;
      }
      const rows = await db.all<EventRow>(
        `${SELECT_EVENTS}
          WHERE ((o.start_ms >= ? AND o.start_ms < ?) ${query.includeUndated ? 'OR o.start_ms IS NULL' : ''})
          ${query.includeCancelled ? '' : "AND o.status = 'confirmed'"} ${EVENT_ORDER}`,
        [query.fromMs, query.toMs],
      );
      const events = toStoredEvents(rows);
      return query.limit ? events.slice(0, query.limit) : events;
    },
    countEvents: (query: EventQuery) => countEvents(db, query),
    async getEvent(id: string) {
      return (await eventsByIds([id]))[0] ?? null;
    },
    getEvents: eventsByIds,
    async rewriteEventTexts(rewrite: (text: EventText) => EventText | null) {
      const rows = await db.all<{ id: string; json: string }>('SELECT id, json FROM event_texts');
      const replaced = new Map<string, { id: string; json: string }>();
      for (const row of rows) {
        const next = rewrite(JSON.parse(row.json) as EventText);
        const json = next ? JSON.stringify(next) : row.json;
        // Texts are stored under the hash of their JSON, so a new text is a new row.
        if (json !== row.json) replaced.set(row.id, { id: stableId(json), json });
      }
      if (replaced.size === 0) return 0;
      const repointed: (string | null)[][] = [];
      for (const chunk of chunked([...replaced.keys()], MAX_PARAMS)) {
        const occurrences = await db.all<{ id: string; record: string; text_id: string }>(
          `SELECT id, record, text_id FROM occurrences WHERE text_id IN (${placeholders(chunk.length)})`,
          chunk,
        );
        for (const occurrence of occurrences) {
          const text = replaced.get(occurrence.text_id)!;
          const record = joinRecord(occurrence.record, text.json);
          repointed.push([
            occurrence.id,
            text.id,
            placeKey(record),
            String(record.online),
            stableId(occurrence.record, text.id),
          ]);
        }
      }
      const statements: SqlStatement[] = [
        ...jsonRowChunks([...replaced.values()].map((t) => [t.id, t.json])).map((json) => ({
          sql: 'INSERT OR IGNORE INTO event_texts (id, json) SELECT value->>0, value->>1 FROM json_each(?)',
          params: [json],
        })),
        ...jsonRowChunks(repointed).map((json) => ({
          sql: `UPDATE occurrences SET text_id = j.value->>1, place = j.value->>2, online = j.value->>3,
            content_hash = j.value->>4 FROM json_each(?) j WHERE occurrences.id = j.value->>0`,
          params: [json],
        })),
        ...jsonRowChunks([...replaced.keys()].map((id) => [id])).map((json) => ({
          sql: 'DELETE FROM event_texts WHERE id IN (SELECT value->>0 FROM json_each(?))',
          params: [json],
        })),
        bumpEventsCounter,
      ];
      await db.batch(statements);
      return replaced.size;
    },
  };
}
