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
    async get(key) {
      const parts = await db.all<PartRow>('SELECT part, stamp, bytes FROM derived_cache WHERE key = ? ORDER BY part', [
        key,
      ]);
      const stamp = parts[0]?.stamp;
      // Written in one batch, so parts agree; a disagreement is damage, and damage is a miss.
      if (stamp === undefined || parts.some((p, i) => p.part !== i || p.stamp !== stamp)) return null;
      const chunks = parts.map((p) => bytesOf(p.bytes));
      if (chunks.length === 1) return { stamp, bytes: new Uint8Array(chunks[0]!) };
      const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.length;
      }
      return { stamp, bytes };
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
