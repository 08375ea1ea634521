import { DERIVED_CACHE_PART_BYTES, type DerivedCacheStore } from '../core/derived-cache.ts';
import { type SqlDriver, type SqlStatement, sql } from './sql-driver.ts';

interface PartRow {
  part: number;
  stamp: string;
  bytes: Uint8Array | ArrayBuffer | number[];
}

/** Drivers answer a BLOB as a Buffer (Node), an ArrayBuffer or an array of numbers (D1 versions differ). */
function bytesOf(value: PartRow['bytes']): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return Uint8Array.from(value);
}

/**
 * The derived cache in the store's own database (table of migration 0010), over the SQL seam, so SQLite
 * and D1 keep it alike. Its writes leave the store's change stamps alone: it is derived, not data.
 */
export function createDerivedCachePort(db: SqlDriver): DerivedCacheStore {
  return {
    async get(key, wanted) {
      // One part per query: D1 answers a BLOB as an array of numbers, and a whole entry at once would
      // hold several of those in a 128 MB isolate.
      const heads = await db.all<{ part: number; stamp: string; size: number }>(
        'SELECT part, stamp, length(bytes) AS size FROM derived_cache WHERE key = ? ORDER BY part',
        [key],
      );
      const stamp = heads[0]?.stamp;
      // Written in one batch, so parts agree; a disagreement is damage, and damage is a miss.
      if (stamp === undefined || heads.some((p, i) => p.part !== i || p.stamp !== stamp)) return null;
      if (wanted !== undefined && stamp !== wanted) return null;
      const bytes = new Uint8Array(heads.reduce((n, p) => n + p.size, 0));
      let at = 0;
      for (const head of heads) {
        const row = await db.first<Pick<PartRow, 'bytes' | 'stamp'>>(
          'SELECT stamp, bytes FROM derived_cache WHERE key = ? AND part = ?',
          [key, head.part],
        );
        // Replaced between the two reads: a miss, and the caller rebuilds.
        if (!row || row.stamp !== stamp) return null;
        const chunk = bytesOf(row.bytes);
        if (chunk.length !== head.size) return null;
        bytes.set(chunk, at);
        at += chunk.length;
      }
      return { stamp, bytes };
    },
    async has(key) {
      return (await db.first('SELECT 1 FROM derived_cache WHERE key = ? LIMIT 1', [key])) !== null;
    },
    async put(key, stamp, bytes) {
      const statements: SqlStatement[] = [sql('DELETE FROM derived_cache WHERE key = ?', key)];
      let part = 0;
      for (let at = 0; at < bytes.length || part === 0; at += DERIVED_CACHE_PART_BYTES)
        statements.push(
          sql(
            'INSERT INTO derived_cache (key, part, stamp, bytes) VALUES (?, ?, ?, ?)',
            key,
            part++,
            stamp,
            bytes.subarray(at, at + DERIVED_CACHE_PART_BYTES),
          ),
        );
      await db.batch(statements);
    },
  };
}
