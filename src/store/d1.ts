import type { D1Database } from '@cloudflare/workers-types/index.ts';
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import type { DerivedCacheStore } from '../core/derived-cache.ts';
import type { EventStore } from '../core/event-store.ts';
import { createD1Driver, type D1DriverOptions } from './d1-driver.ts';
import { createDerivedCachePort } from './derived-cache-sql.ts';
import { createSqlStore } from './sql-store.ts';

/**
 * The D1 store: the same store ports as SQLite's (store/sql-store.ts), over the D1 driver. Its schema is
 * applied by `wrangler d1 migrations apply`, from the same SQL files.
 */
export function openD1Store(db: D1Database, options: D1DriverOptions & { clock?: Clock } = {}): EventStore {
  return createSqlStore(createD1Driver(db, options), options.clock ?? systemClock);
}

/** The derived cache (ranking catalog, search index) in the same D1 database, in parts under its 2 MB rows. */
export function openD1DerivedCache(db: D1Database, options: D1DriverOptions = {}): DerivedCacheStore {
  return createDerivedCachePort(createD1Driver(db, options));
}
