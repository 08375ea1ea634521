import type { EventQuery } from '../core/event-store.ts';
import type { OccurrenceRow } from './rows.ts';
import type { SqlDriver } from './sql-driver.ts';
import { chunked, MAX_PARAMS, placeholders } from './statement-limits.ts';

export type ListedRow = OccurrenceRow & { text_json: string; source_location: string };

export const SELECT_EVENTS = `SELECT o.*, t.json AS text_json, s.location AS source_location FROM occurrences o
  JOIN sources s ON s.id = o.source_id JOIN event_texts t ON t.id = o.text_id`;
export const EVENT_ORDER = 'ORDER BY o.start_ms IS NULL, o.start_ms, o.first_seen';

const status = (query: EventQuery) => (query.includeCancelled ? '' : "AND o.status = 'confirmed'");

/**
 * The ids of the first `limit` events of a window, in the order listEvents lists them, without reading
 * (and parsing) the rest: `events --limit 10` over 25,000 events read every row and text to keep ten.
 * Rows come along the start index a few at a time (a series repeats its event id), asking for more only
 * while fewer than `limit` distinct events have been met; then undated ones.
 */
export async function firstEventIds(db: SqlDriver, query: EventQuery, limit: number): Promise<string[]> {
  const ids = new Set<string>();
  const collect = async (sqlText: string, params: (string | number)[]) => {
    for (let rows = limit * 4; ; rows *= 4) {
      const found = await db.all<{ event_id: string }>(`${sqlText} LIMIT ?`, [...params, rows]);
      for (const { event_id } of found) {
        ids.add(event_id);
        if (ids.size >= limit) return;
      }
      if (found.length < rows) return;
    }
  };
  await collect(
    `SELECT o.event_id FROM occurrences o WHERE o.start_ms >= ? AND o.start_ms < ? ${status(query)}
      ORDER BY o.start_ms, o.first_seen`,
    [query.fromMs, query.toMs],
  );
  if (ids.size < limit && query.includeUndated)
    await collect(
      `SELECT o.event_id FROM occurrences o WHERE o.start_ms IS NULL ${status(query)} ORDER BY o.first_seen`,
      [],
    );
  return [...ids].slice(0, limit);
}

/**
 * How many events a listing with `query` holds, each once however many sources list it: counted along
 * the occurrences' indexes, so a page's total costs no event text read or parsed.
 */
export async function countEvents(db: SqlDriver, query: EventQuery): Promise<number> {
  const row = await db.first<{ n: number }>(
    `SELECT COUNT(DISTINCT o.event_id) AS n FROM occurrences o
      WHERE ((o.start_ms >= ? AND o.start_ms < ?) ${query.includeUndated ? 'OR o.start_ms IS NULL' : ''}) ${status(query)}`,
    [query.fromMs, query.toMs],
  );
  return row?.n ?? 0;
}

/** The rows of the given events that a listing with `query` reads, in listing order per chunk of ids. */
export async function rowsOfEvents(db: SqlDriver, ids: readonly string[], query: EventQuery): Promise<ListedRow[]> {
  const rows: ListedRow[] = [];
  // Two parameters of every statement are the window's.
  for (const chunk of chunked(ids, MAX_PARAMS - 2)) {
    // `+o.start_ms` keeps the planner on the event id index: the window's range would scan thousands of rows.
    rows.push(
      ...(await db.all<ListedRow>(
        `${SELECT_EVENTS} WHERE o.event_id IN (${placeholders(chunk.length)})
          AND ((+o.start_ms >= ? AND +o.start_ms < ?) ${query.includeUndated ? 'OR o.start_ms IS NULL' : ''}) ${status(query)}
          ${EVENT_ORDER}`,
        [...chunk, query.fromMs, query.toMs],
      )),
    );
  }
  return rows;
}
