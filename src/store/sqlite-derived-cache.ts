import Database from 'better-sqlite3';
import { DERIVED_CACHE_PART_BYTES, type DerivedCacheStore } from '../core/derived-cache.ts';

interface PartRow {
  part: number;
  stamp: string;
  bytes: Uint8Array;
}

/** The derived cache in the store's own SQLite file (table of migration 0010). */
export function sqliteDerivedCache(db: Database.Database): DerivedCacheStore {
  const read = db.prepare('SELECT part, stamp, bytes FROM derived_cache WHERE key = ? ORDER BY part');
  const drop = db.prepare('DELETE FROM derived_cache WHERE key = ?');
  const write = db.prepare('INSERT INTO derived_cache (key, part, stamp, bytes) VALUES (?, ?, ?, ?)');
  const replace = db.transaction((key: string, stamp: string, bytes: Uint8Array) => {
    drop.run(key);
    let part = 0;
    for (let at = 0; at < bytes.length || part === 0; at += DERIVED_CACHE_PART_BYTES)
      write.run(key, part++, stamp, bytes.subarray(at, at + DERIVED_CACHE_PART_BYTES));
  });
  return {
    async get(key) {
      const parts = read.all(key) as PartRow[];
      const stamp = parts[0]?.stamp;
      // Written in one transaction, so parts agree; a disagreement is damage, and damage is a miss.
      if (stamp === undefined || parts.some((p, i) => p.part !== i || p.stamp !== stamp)) return null;
      if (parts.length === 1) return { stamp, bytes: new Uint8Array(parts[0]!.bytes) };
      const bytes = new Uint8Array(parts.reduce((n, p) => n + p.bytes.length, 0));
      let at = 0;
      for (const p of parts) {
        bytes.set(p.bytes, at);
        at += p.bytes.length;
      }
      return { stamp, bytes };
    },
    async put(key, stamp, bytes) {
      replace.immediate(key, stamp, bytes);
    },
  };
}

/**
 * The derived cache of the store at `path`, on a connection of its own (open the store first: it
 * applies the migrations). Its writes leave the store's change stamp alone.
 */
export function openSqliteDerivedCache(path: string, busyTimeoutMs = 5000): DerivedCacheStore & { close(): void } {
  const db = new Database(path);
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  return { ...sqliteDerivedCache(db), close: () => db.close() };
}
