import type { Clock } from '../core/clock.ts';
import type { SourceFailure } from '../core/errors.ts';
import type { SourceSchedule, SourcesPort } from '../core/event-store.ts';
import type { SourceSpec } from '../core/source.ts';
import type { Validators } from '../core/source-reader.ts';
import { stableId } from '../core/stable-id.ts';
import { bumpChangeCounter } from './change-counter.ts';
import { rowToSource, type SourceRow } from './rows.ts';
import { type SqlDriver, sql } from './sql-driver.ts';

const DEFAULT_REFRESH_MINUTES = 360;

const SELECT_SOURCES = `SELECT s.*, (SELECT COUNT(*) FROM occurrences o WHERE o.source_id = s.id AND o.status = 'confirmed')
  AS event_count FROM sources s`;

type CountedSourceRow = SourceRow & { event_count: number };

export function createSourcesPort(db: SqlDriver, clock: Clock): SourcesPort {
  const one = async (where: string, value: string) => {
    const row = await db.first<CountedSourceRow>(`${SELECT_SOURCES} WHERE s.${where} = ?`, [value]);
    return row ? rowToSource(row, row.event_count) : null;
  };
  return {
    async ensureSource(spec: SourceSpec) {
      await db.batch([
        sql(
          `INSERT INTO sources (id, location, name, kind, topics, refresh_minutes, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT(location) DO UPDATE SET name = COALESCE(?, name), kind = COALESCE(?, kind),
            topics = COALESCE(?, topics), refresh_minutes = COALESCE(?, refresh_minutes)`,
          stableId('source', spec.location),
          spec.location,
          spec.name ?? null,
          spec.kind ?? null,
          JSON.stringify(spec.topics ?? []),
          spec.refreshMinutes ?? DEFAULT_REFRESH_MINUTES,
          new Date(clock.now()).toISOString(),
          spec.name ?? null,
          spec.kind ?? null,
          spec.topics ? JSON.stringify(spec.topics) : null,
          spec.refreshMinutes ?? null,
        ),
        bumpChangeCounter,
      ]);
      return (await one('location', spec.location))!;
    },
    getSource: (location) => one('location', location),
    getSourceById: (id) => one('id', id),
    async listSources() {
      const rows = await db.all<CountedSourceRow>(`${SELECT_SOURCES} ORDER BY s.created_at, s.location`);
      return rows.map((row) => rowToSource(row, row.event_count));
    },
    async removeSource(id: string) {
      const [, removed] = await db.batch([
        sql('DELETE FROM occurrences WHERE source_id = ?', id),
        sql('DELETE FROM sources WHERE id = ?', id),
        sql('DELETE FROM event_texts WHERE id NOT IN (SELECT text_id FROM occurrences)'),
        bumpChangeCounter,
      ]);
      return (removed?.changes ?? 0) > 0;
    },
    async saveUnchanged(sourceId: string, at: string, schedule: SourceSchedule, validators: Validators) {
      await db.batch([
        sql(
          `UPDATE sources SET status = 'unchanged', last_success_at = ?, last_attempt_at = ?, next_check_at = ?,
          failure_count = 0, disabled = 0, last_error_kind = NULL, last_error_message = NULL,
          etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified) WHERE id = ?`,
          at,
          at,
          schedule.nextCheckAt,
          validators.etag,
          validators.lastModified,
          sourceId,
        ),
        bumpChangeCounter,
      ]);
    },
    async saveFailure(sourceId: string, at: string, schedule: SourceSchedule, failure: SourceFailure) {
      await db.batch([
        sql(
          `UPDATE sources SET status = 'error', last_attempt_at = ?, next_check_at = ?, failure_count = ?, disabled = ?,
          last_error_kind = ?, last_error_message = ? WHERE id = ?`,
          at,
          schedule.nextCheckAt,
          schedule.failureCount,
          schedule.disabled ? 1 : 0,
          failure.kind,
          failure.message,
          sourceId,
        ),
        bumpChangeCounter,
      ]);
    },
  };
}
