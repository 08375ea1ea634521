import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import type { EventRecord } from '../../src/core/event.ts';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { ProfileSchema } from '../../src/core/profile.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { openSqliteDerivedCache } from '../../src/store/sqlite-derived-cache.ts';
import { readDerivedAhead } from '../../src/usecases/read-derived-ahead.ts';
import { recommend } from '../../src/usecases/recommend.ts';
import { refreshDerived } from '../../src/usecases/refresh-derived.ts';
import { CATALOG_SLOT, sharedCatalog } from '../../src/usecases/shared-catalog.ts';
import { eventRecord } from '../support/events.ts';
import { storeRecords, tempStore } from '../support/store.ts';

const NOW = '2026-11-27T12:00:00Z';
const clock = fixedClock(NOW);
const window = { fromMs: Date.parse(NOW), toMs: Date.parse(NOW) + 365 * 86_400_000 };
const input = { profile: ProfileSchema.parse({ interests: ['rust'] }), contacts: [], userKey: 'u', limit: 10 };

const meetups = (...titles: string[]): EventRecord[] =>
  titles.map((title, i) =>
    eventRecord({
      uid: `m${i}`,
      title,
      start: new Date(Date.parse(NOW) + (i + 2) * 86_400_000).toISOString().replace('.000Z', 'Z'),
      description: `${title}: talks about rust.`,
      topics: ['rust'],
    }),
  );

/**
 * A server (its own store connection and derived cache) and another process beside it (a cron
 * `convene ingest`) on the same database: they share nothing in memory.
 */
function serverAndIngest(path: string) {
  const server = { store: openSqliteStore(path), derived: openSqliteDerivedCache(path), clock };
  const ingest = { store: openSqliteStore(path), derived: openSqliteDerivedCache(path), clock };
  const close = async () => {
    for (const side of [server, ingest]) {
      side.derived.close();
      await side.store.close();
    }
  };
  return { server, ingest, close };
}

describe('a server reading ahead the catalog another process persisted', () => {
  it('reads the new state once the ingest kept it, and the next ranking uses it without reading again', async () => {
    const db = tempStore();
    const { server, ingest, close } = serverAndIngest(db.path);
    try {
      await storeRecords(ingest.store, 'https://example.org/a.ics', meetups('Rust meetup'), NOW);
      // Before the server has ranked, there is nothing of its own to keep current.
      await refreshDerived(ingest, { unbuiltToo: true });
      expect(await readDerivedAhead(server)).toBe(false);
      await recommend(server, input);
      expect(await readDerivedAhead(server)).toBe(true);

      await storeRecords(ingest.store, 'https://example.org/a.ics', meetups('Rust meetup', 'Rust and Wasm'), NOW);
      // The events changed and the ingest has not kept the new catalog yet: nothing is read, nothing built.
      expect(await readDerivedAhead(server)).toBe(false);
      expect((await server.derived.get(CATALOG_SLOT))?.stamp.startsWith(`${await server.store.eventsStamp()}|`)).toBe(
        false,
      );
      await refreshDerived(ingest);
      expect(await readDerivedAhead(server)).toBe(true);

      // The catalog read ahead is the one the next ranking gets, and equals one built from the events.
      let reads = 0;
      const counted = {
        ...server.derived,
        get: (...args: Parameters<typeof server.derived.get>) => {
          reads++;
          return server.derived.get(...args);
        },
      };
      const held = await sharedCatalog(server.store, defaultLexicon(), null, window, counted);
      expect(reads).toBe(0);
      expect(held.events.map((e) => e.title)).toContain('Rust and Wasm');
      const bare = openSqliteStore(db.path);
      try {
        const fresh = await sharedCatalog(bare, defaultLexicon(), null, window);
        expect(held.events).toEqual(fresh.events);
        expect([...held.byStart]).toEqual([...fresh.byStart]);
        expect(await recommend(server, input)).toEqual(await recommend({ store: bare, clock }, input));
      } finally {
        await bare.close();
      }
    } finally {
      await close();
      await db.cleanup();
    }
  });

  it('leaves alone a catalog of the current state held for another window', async () => {
    const db = tempStore();
    const { server, ingest, close } = serverAndIngest(db.path);
    try {
      await storeRecords(ingest.store, 'https://example.org/a.ics', meetups('Rust meetup', 'Rust and Wasm'), NOW);
      const later = { fromMs: window.fromMs + 3 * 86_400_000, toMs: window.toMs };
      const held = await sharedCatalog(server.store, defaultLexicon(), null, later, server.derived);
      // The ingest keeps the catalog of the window a request with no dates ranks, at the same state.
      await refreshDerived(ingest, { unbuiltToo: true });
      expect(await readDerivedAhead(server)).toBe(true);
      const unread = { ...server.derived, get: () => Promise.reject(new Error('read again')) };
      expect(await sharedCatalog(server.store, defaultLexicon(), null, later, unread)).toBe(held);
    } finally {
      await close();
      await db.cleanup();
    }
  });

  it('never serves a catalog of an older state: a change the ingest did not refresh is built by the request', async () => {
    const db = tempStore();
    const { server, ingest, close } = serverAndIngest(db.path);
    try {
      await storeRecords(ingest.store, 'https://example.org/a.ics', meetups('Rust meetup'), NOW);
      await recommend(server, input);
      await storeRecords(ingest.store, 'https://example.org/a.ics', meetups('Rust meetup, moved'), NOW);
      // The entry kept is of the state before: read ahead declines it, and a ranking builds the new one.
      expect(await readDerivedAhead(server)).toBe(false);
      const picks = await recommend(server, input);
      expect(picks.picks.map((p) => p.event.title)).toEqual(['Rust meetup, moved']);
      expect((await server.derived.get(CATALOG_SLOT))?.stamp.startsWith(`${await server.store.eventsStamp()}|`)).toBe(
        true,
      );
      expect(await readDerivedAhead(server)).toBe(true);
    } finally {
      await close();
      await db.cleanup();
    }
  });
});
