import Database from 'better-sqlite3';
import type { DerivedCacheStore } from '../core/derived-cache.ts';
import { createDerivedCachePort } from './derived-cache-sql.ts';
import { createSqliteDriver } from './sqlite-driver.ts';

/**
 * The derived cache of the store at `path`, on a connection of its own (open the store first: it
 * applies the migrations). Its writes leave the store's change stamps alone.
 */
export function openSqliteDerivedCache(path: string, busyTimeoutMs = 5000): DerivedCacheStore & { close(): void } {
  const db = new Database(path);
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
  return { ...createDerivedCachePort(createSqliteDriver(db)), close: () => db.close() };
}
