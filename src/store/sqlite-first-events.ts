import type Database from 'better-sqlite3';
import type { EventQuery } from '../core/event-store.ts';
import type { OccurrenceRow } from './rows.ts';

type ListedRow = OccurrenceRow & { text_json: string; source_location: string };

/** Bound parameters per statement stay within D1's limit of 100. */
const IDS_PER_STATEMENT = 90;

function windowFilter(query: EventQuery): string {
  return `((o.start_ms >= ? AND o.start_ms < ?) ${query.includeUndated ? 'OR o.start_ms IS NULL' : ''})
    ${query.includeCancelled ? '' : "AND o.status = 'confirmed'"}`;
}

const LISTING_ORDER = 'ORDER BY o.start_ms IS NULL, o.start_ms, o.first_seen';

/**
 * The rows of the first `limit` events of a window, in the order listEvents lists them, without reading
 * (and parsing) the rest: `events --limit 10` over 25,000 events read every row and text to keep ten.
 * First the event ids in listing order until `limit` distinct ones, then those events' rows.
 */
export function firstEventRows(db: Database.Database, query: EventQuery, limit: number): ListedRow[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  const order = db
    .prepare(`SELECT o.event_id FROM occurrences o WHERE ${windowFilter(query)} ${LISTING_ORDER}`)
    .pluck();
  for (const id of order.iterate(query.fromMs, query.toMs) as Iterable<string>) {
    if (seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
    // Leaving the loop ends the statement: the remaining rows are never stepped through.
    if (ids.length >= limit) break;
  }
  const rows: ListedRow[] = [];
  for (let at = 0; at < ids.length; at += IDS_PER_STATEMENT) {
    const chunk = ids.slice(at, at + IDS_PER_STATEMENT);
    const statement = db.prepare(`SELECT o.*, t.json AS text_json, s.location AS source_location FROM occurrences o
      JOIN sources s ON s.id = o.source_id JOIN event_texts t ON t.id = o.text_id
      WHERE o.event_id IN (${chunk.map(() => '?').join(', ')}) AND ${windowFilter(query)} ${LISTING_ORDER}`);
    rows.push(...(statement.all(...chunk, query.fromMs, query.toMs) as ListedRow[]));
  }
  return rows;
}
