import type Database from 'better-sqlite3';
import type { EventQuery } from '../core/event-store.ts';
import type { OccurrenceRow } from './rows.ts';

type ListedRow = OccurrenceRow & { text_json: string; source_location: string };

/** Bound parameters per statement stay within D1's limit of 100. */
const IDS_PER_STATEMENT = 90;

const status = (query: EventQuery) => (query.includeCancelled ? '' : "AND o.status = 'confirmed'");

/**
 * The rows of the first `limit` events of a window, in the order listEvents lists them, without reading
 * (and parsing) the rest: `events --limit 10` over 25,000 events read every row and text to keep ten.
 * First the event ids in listing order until `limit` distinct ones (dated rows along the start index,
 * which streams where one sort of the whole window would not; then undated ones), then their rows.
 */
export function firstEventRows(db: Database.Database, query: EventQuery, limit: number): ListedRow[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  const take = (rows: Iterable<string>) => {
    for (const id of rows) {
      if (seen.has(id)) continue;
      seen.add(id);
      ids.push(id);
      // Leaving the loop ends the statement: the remaining rows are never stepped through.
      if (ids.length >= limit) return;
    }
  };
  const dated =
    db.prepare(`SELECT o.event_id FROM occurrences o WHERE o.start_ms >= ? AND o.start_ms < ? ${status(query)}
    ORDER BY o.start_ms, o.first_seen`);
  take(dated.pluck().iterate(query.fromMs, query.toMs) as Iterable<string>);
  if (ids.length < limit && query.includeUndated) {
    const undated = db.prepare(
      `SELECT o.event_id FROM occurrences o WHERE o.start_ms IS NULL ${status(query)} ORDER BY o.first_seen`,
    );
    take(undated.pluck().iterate() as Iterable<string>);
  }
  // Events that start together come in the order the scan met them, as in the full listing.
  const position = new Map(ids.map((id, i) => [id, i]));
  return rowsOfEvents(db, ids, query).sort((a, b) => position.get(a.event_id)! - position.get(b.event_id)!);
}

/** The rows of the given events that a listing with `query` reads, in listing order per chunk of ids. */
export function rowsOfEvents(db: Database.Database, ids: readonly string[], query: EventQuery): ListedRow[] {
  const rows: ListedRow[] = [];
  for (let at = 0; at < ids.length; at += IDS_PER_STATEMENT) {
    const chunk = ids.slice(at, at + IDS_PER_STATEMENT);
    // `+o.start_ms` keeps the planner on the event id index: the window's range would scan thousands of rows.
    const statement = db.prepare(`SELECT o.*, t.json AS text_json, s.location AS source_location FROM occurrences o
      JOIN sources s ON s.id = o.source_id JOIN event_texts t ON t.id = o.text_id
      WHERE o.event_id IN (${chunk.map(() => '?').join(', ')})
        AND ((+o.start_ms >= ? AND +o.start_ms < ?) ${query.includeUndated ? 'OR o.start_ms IS NULL' : ''}) ${status(query)}
      ORDER BY o.start_ms IS NULL, o.start_ms, o.first_seen`);
    rows.push(...(statement.all(...chunk, query.fromMs, query.toMs) as ListedRow[]));
  }
  return rows;
}
