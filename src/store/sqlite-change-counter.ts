import type Database from 'better-sqlite3';
import type { EventStore } from '../core/event-store.ts';

const WRITES = [
  'ensureSource',
  'removeSource',
  'createUser',
  'replaceProfile',
  'rotateCredential',
  'saveIngest',
  'saveUnchanged',
  'saveFailure',
  'rewriteEventTexts',
  'addFeedback',
  'addVenueFeedback',
  'savePublications',
] as const satisfies readonly (keyof EventStore)[];

/**
 * The change stamp as a counter stored in the database, so that it means the same in every process:
 * a derived cache persisted by one process is judged fresh or stale by the next (SQLite's data_version
 * and a count of this connection's writes mean nothing outside the connection that read them). Each
 * write bumps it once it has committed, so no reader sees the new stamp beside the old data.
 */
export function withStoredChangeCounter(db: Database.Database, store: EventStore): EventStore {
  const read = db.prepare("SELECT value FROM settings WHERE key = 'change-counter'").pluck();
  const bump = db.prepare(
    "INSERT INTO settings (key, value) VALUES ('change-counter', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
  );
  const counted: EventStore = { ...store, changeStamp: async () => String(read.get() ?? '0') };
  for (const name of WRITES) {
    const write = store[name] as (...args: unknown[]) => Promise<unknown>;
    (counted as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      try {
        return await write(...args);
      } finally {
        // Also after a failed write: it may have written part of its work outside a transaction.
        bump.run();
      }
    };
  }
  return counted;
}
