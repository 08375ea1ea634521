import type Database from 'better-sqlite3';
import type { EventStore } from '../core/event-store.ts';

/** The writes that may change stored events; the others change sources' health, users, feedback. */
const EVENT_WRITES = new Set<keyof EventStore>(['saveIngest', 'removeSource', 'rewriteEventTexts']);

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
 * The change stamps as counters stored in the database, so that they mean the same in every process:
 * a derived cache persisted by one process is judged fresh or stale by the next (SQLite's data_version
 * and a count of this connection's writes mean nothing outside the connection that read them). Each
 * write bumps them once it has committed, so no reader sees a new stamp beside the old data.
 */
export function withStoredChangeCounter(db: Database.Database, store: Omit<EventStore, 'eventsStamp'>): EventStore {
  const counter = (key: string) => ({
    read: db.prepare(`SELECT value FROM settings WHERE key = '${key}'`).pluck(),
    bump: db.prepare(
      `INSERT INTO settings (key, value) VALUES ('${key}', '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`,
    ),
  });
  const writes = counter('change-counter');
  const eventWrites = counter('events-counter');
  const counted: EventStore = {
    ...store,
    changeStamp: async () => String(writes.read.get() ?? '0'),
    eventsStamp: async () => String(eventWrites.read.get() ?? '0'),
  };
  for (const name of WRITES) {
    const write = store[name] as (...args: unknown[]) => Promise<unknown>;
    (counted as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      try {
        return await write(...args);
      } finally {
        // Also after a failed write: it may have written part of its work outside a transaction.
        db.transaction(() => {
          writes.bump.run();
          if (EVENT_WRITES.has(name)) eventWrites.bump.run();
        })();
      }
    };
  }
  return counted;
}
