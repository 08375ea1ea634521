import type { PublicationsPort } from '../core/event-store.ts';
import type { CalendarEntry, CalendarName, StoredPublication } from '../core/publication.ts';
import type { SqlDriver, SqlStatement } from './sql-driver.ts';
import { jsonRowChunks } from './statement-limits.ts';

interface PublicationRow {
  entry: string;
  core_hash: string;
  full_hash: string;
  sequence: number;
  published_at: string;
  last_modified: string;
  withdrawn_at: string | null;
}

// `WHERE true`: without it SQLite would read ON CONFLICT as a join constraint of the SELECT.
const UPSERT = `INSERT INTO publications
  (user_id, calendar, uid, entry, core_hash, full_hash, sequence, published_at, last_modified, withdrawn_at)
  SELECT ?, ?, value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7
  FROM json_each(?) WHERE true
  ON CONFLICT(user_id, calendar, uid) DO UPDATE SET entry = excluded.entry, core_hash = excluded.core_hash,
    full_hash = excluded.full_hash, sequence = excluded.sequence, last_modified = excluded.last_modified,
    withdrawn_at = excluded.withdrawn_at`;

const REMOVE = `DELETE FROM publications WHERE user_id = ? AND calendar = ?
  AND uid IN (SELECT value->>0 FROM json_each(?))`;

export function createPublicationsPort(db: SqlDriver): PublicationsPort {
  return {
    async listPublications(userId: string, calendar: CalendarName) {
      const rows = await db.all<PublicationRow>('SELECT * FROM publications WHERE user_id = ? AND calendar = ?', [
        userId,
        calendar,
      ]);
      return rows.map((r) => ({
        entry: JSON.parse(r.entry) as CalendarEntry,
        coreHash: r.core_hash,
        fullHash: r.full_hash,
        sequence: r.sequence,
        publishedAt: r.published_at,
        lastModified: r.last_modified,
        withdrawnAt: r.withdrawn_at,
      }));
    },
    async savePublications(userId: string, calendar: CalendarName, changed: StoredPublication[], removed: string[]) {
      // Not counted in the change stamp: nothing cached from the stamp (users, picks) reads publications.
      const rows = changed.map((p) => [
        p.entry.uid,
        JSON.stringify(p.entry),
        p.coreHash,
        p.fullHash,
        p.sequence,
        p.publishedAt,
        p.lastModified,
        p.withdrawnAt,
      ]);
      const statements: SqlStatement[] = [
        ...jsonRowChunks(rows).map((json) => ({ sql: UPSERT, params: [userId, calendar, json] })),
        ...jsonRowChunks(removed.map((uid) => [uid])).map((json) => ({
          sql: REMOVE,
          params: [userId, calendar, json],
        })),
      ];
      if (statements.length > 0) await db.batch(statements);
    },
  };
}
