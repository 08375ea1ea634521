import type { FailureKind } from '../core/errors.ts';
import type { StoredEvent } from '../core/event.ts';
import type { Source, SourceFormat, SourceStatus } from '../core/source.ts';
import { joinRecord } from '../ingest/record-split.ts';

/** Row shapes shared by the SQLite and D1 adapters (same schema, same SQL). */
export interface SourceRow {
  id: string;
  location: string;
  name: string | null;
  format: string | null;
  kind: string | null;
  topics: string;
  refresh_minutes: number;
  status: string;
  etag: string | null;
  last_modified: string | null;
  next_check_at: string | null;
  failure_count: number;
  disabled: number;
  last_success_at: string | null;
  last_attempt_at: string | null;
  last_error_kind: string | null;
  last_error_message: string | null;
  warnings: string;
}

export interface OccurrenceRow {
  id: string;
  source_id: string;
  event_id: string;
  start_ms: number | null;
  published_ms: number | null;
  /** 1 when the latest successful run of its source listed it (kept for feeds). */
  listed: number;
  status: string;
  record: string;
  content_hash: string;
  first_seen: string;
  last_changed: string;
}

export function rowToSource(row: SourceRow, eventCount: number): Source {
  return {
    id: row.id,
    location: row.location,
    name: row.name,
    format: row.format as SourceFormat | null,
    kind: row.kind as Source['kind'],
    topics: JSON.parse(row.topics) as string[],
    refreshMinutes: row.refresh_minutes,
    status: row.status as SourceStatus | 'new',
    etag: row.etag,
    lastModified: row.last_modified,
    nextCheckAt: row.next_check_at,
    failureCount: row.failure_count,
    disabled: row.disabled === 1,
    lastSuccessAt: row.last_success_at,
    lastAttemptAt: row.last_attempt_at,
    lastErrorKind: row.last_error_kind as FailureKind | null,
    lastErrorMessage: row.last_error_message,
    warnings: JSON.parse(row.warnings) as string[],
    eventCount,
  };
}

/**
 * Folds the rows of one event (several sources, same event_id) into one event that names every
 * source. The first-seen confirmed row speaks for the event; rows arrive sorted by start.
 */
export function toStoredEvents(
  rows: (OccurrenceRow & { text_json: string; source_location: string })[],
): StoredEvent[] {
  const byEvent = new Map<string, { rows: typeof rows }>();
  for (const row of rows) {
    const group = byEvent.get(row.event_id);
    if (group) group.rows.push(row);
    else byEvent.set(row.event_id, { rows: [row] });
  }
  const events: StoredEvent[] = [];
  for (const [eventId, { rows: group }] of byEvent) {
    const lead = group.find((r) => r.status === 'confirmed') ?? group[0]!;
    const record = joinRecord(lead.record, lead.text_json);
    events.push({
      ...record,
      status: group.some((r) => r.status === 'confirmed')
        ? 'confirmed'
        : group.some((r) => r.status === 'withdrawn')
          ? 'withdrawn'
          : 'cancelled',
      id: eventId,
      city: record.location.city,
      country: record.location.country,
      sources: [...new Set(group.map((r) => r.source_location))],
      // ISO 8601 instants in UTC sort as text.
      firstSeen: group.map((r) => r.first_seen).sort()[0]!,
      lastChanged: group
        .map((r) => r.last_changed)
        .sort()
        .at(-1)!,
    });
  }
  return events;
}
