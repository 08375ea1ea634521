import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type Clock, systemClock } from '../core/clock.ts';
import type { EventStore } from '../core/event-store.ts';
import { migrationsDir } from './migrations-dir.ts';
import type { SqlDriver } from './sql-driver.ts';
import { createSqlStore } from './sql-store.ts';
import { createSqliteDriver } from './sqlite-driver.ts';

function applyMigrations(db: Database.Database): void {
  // The same bookkeeping table wrangler keeps for D1, so one set of SQL files serves both.
  db.exec(`CREATE TABLE IF NOT EXISTS d1_migrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT name FROM d1_migrations').all() as { name: string }[]).map((r) => r.name),
  );
  const dir = migrationsDir();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    if (applied.has(file)) continue;
    db.transaction(() => {
      db.exec(readFileSync(join(dir, file), 'utf8'));
      db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(file);
    })();
  }
}

export interface SqliteStoreOptions {
  /**
   * How long a write waits for another connection's write lock, blocking the thread (better-sqlite3 is
   * synchronous). A server's own connection keeps it short and answers busy instead; default 5 s.
   */
  busyTimeoutMs?: number;
  /** What the store stamps new rows with; the system clock unless a caller pins it. */
  clock?: Clock;
}

/** A driver over a SQLite file, migrated to the current schema on open. */
export function openSqliteDriver(path: string, options: SqliteStoreOptions = {}): SqlDriver {
  const db = new Database(path);
  // Larger pages suit rows that carry a JSON record; it only takes effect on a new, empty database.
  db.pragma('page_size = 16384');
  db.pragma('journal_mode = WAL');
  db.pragma('cache_size = -4096');
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  // A multi-row write keeps the pages it changes in a statement journal, which SQLite moves to a temporary
  // file past 64 KB: writing a 10,000-event calendar wrote 170 MB of 16 KB pages there, then deleted it.
  // Kept in memory, it is at most the pages of one statement (a few MB), released when the statement ends.
  db.pragma('temp_store = MEMORY');
  applyMigrations(db);
  return createSqliteDriver(db);
}

/** The SQL store over a SQLite file, migrated to the current schema on open. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): EventStore {
  return createSqlStore(openSqliteDriver(path, options), options.clock ?? systemClock);
}
