import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { DERIVED_CACHE_PART_BYTES } from '../../src/core/derived-cache.ts';
import type { EventRecord } from '../../src/core/event.ts';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { ProfileSchema } from '../../src/core/profile.ts';
import type { EventCatalog } from '../../src/score/catalog.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { openSqliteDerivedCache } from '../../src/store/sqlite-derived-cache.ts';
import { recommend } from '../../src/usecases/recommend.ts';
import { refreshDerived } from '../../src/usecases/refresh-derived.ts';
import { listEvents } from '../../src/usecases/search-events.ts';
import { CATALOG_SLOT, sharedCatalog } from '../../src/usecases/shared-catalog.ts';
import { SEARCH_SLOT, sharedSearch } from '../../src/usecases/shared-search.ts';
import { eventRecord } from '../support/events.ts';
import { storeRecords, tempStore } from '../support/store.ts';

const NOW = '2026-11-27T12:00:00Z';
const window = { fromMs: Date.parse(NOW), toMs: Date.parse(NOW) + 365 * 86_400_000 };
const listing = { ...window, includeUndated: true, includeCancelled: false };
const QUERIES = ['rust', '+rust -berlin', '-rust', 'title:web*', 'securty~1', 'place:lisbon', 'topics:security'];

const meetup = (uid: string, day: number, title: string, extra: Partial<EventRecord> = {}) =>
  eventRecord({
    uid,
    title,
    start: new Date(Date.parse(NOW) + day * 86_400_000).toISOString().replace('.000Z', 'Z'),
    description: `${title}: talks and time to meet people.`,
    ...extra,
  });

const calendar = (titleOfB = 'WebAssembly night'): EventRecord[] => [
  meetup('a', 3, 'Rust meetup', { topics: ['rust'] }),
  meetup('b', 5, titleOfB, { topics: ['webassembly'] }),
  meetup('c', 9, 'OWASP chapter meeting', {
    topics: ['security'],
    location: { text: 'Lisbon', city: 'Lisbon', country: 'Portugal', lat: null, lon: null },
  }),
  // A past labelled edition: history the topic model learns from.
  meetup('past', -200, 'RustConf 2025', { topics: ['rust'], url: 'https://rustconf.example.org/' }),
  meetup('d', 12, 'RustConf 2026', { url: 'https://rustconf.example.org/', kind: 'conference' }),
];

/** What the ranking reads of a catalog, as plain data. */
function catalogData(catalog: EventCatalog) {
  const terms = ['rust', 'webassembl', 'secur', 'meetup', 'owasp', 'chapter', 'night', 'talk'];
  return {
    events: catalog.events,
    rankableStartMs: [...catalog.rankableStartMs],
    byStart: [...catalog.byStart],
    fieldSets: {
      ...catalog.fieldSets,
      offsets: [...catalog.fieldSets.offsets],
      fields: [...catalog.fieldSets.fields],
      ofEvent: [...catalog.fieldSets.ofEvent],
    },
    learned: [...catalog.learned].map(([field, c]) => [field, [...c.events], [...c.strength], c.because(c.events[0]!)]),
    scores: terms.map((term) => [...catalog.text.score([{ term, weight: 1 }]).values]),
    spans: catalog.events.map((_, i) => catalog.spanOf(i)),
  };
}

/**
 * A new process: its own store connection and derived cache (nothing shared in memory with the last
 * one), reading what the earlier ones persisted; and beside it the same answers built from the events.
 */
async function persistedAndFresh(path: string) {
  const store = openSqliteStore(path);
  const derived = openSqliteDerivedCache(path);
  const bare = openSqliteStore(path);
  try {
    const lexicon = defaultLexicon();
    const persisted = await sharedCatalog(store, lexicon, null, window, derived);
    const fresh = await sharedCatalog(bare, lexicon, null, window);
    const search = await sharedSearch({ store, derived }, window);
    const freshSearch = await sharedSearch({ store: bare }, window);
    return {
      catalog: [catalogData(persisted), catalogData(fresh)],
      search: [QUERIES.map((q) => search.ranked(q)), QUERIES.map((q) => freshSearch.ranked(q))],
      page: [
        await listEvents({ store, derived }, { ...listing, search: 'rust', limit: 2 }),
        await listEvents({ store: bare }, { ...listing, search: 'rust', limit: 2 }),
      ],
      stamp: await store.eventsStamp(),
      entries: [(await derived.get(CATALOG_SLOT))?.stamp, (await derived.get(SEARCH_SLOT))?.stamp],
    };
  } finally {
    derived.close();
    await store.close();
    await bare.close();
  }
}

describe('derived data kept in the store (ranking catalog, search index)', () => {
  it('equals a fresh build after inserts, changes, cancellations and deletions, and is never served stale', async () => {
    const db = tempStore();
    try {
      const check = async (what: string) => {
        const result = await persistedAndFresh(db.path);
        expect(result.catalog[0], what).toEqual(result.catalog[1]);
        expect(result.search[0], what).toEqual(result.search[1]);
        expect(result.page[0], what).toEqual(result.page[1]);
        // Both entries were written at the current state, so the next process reads rather than builds.
        for (const stamp of result.entries) expect(stamp?.startsWith(`${result.stamp}|`), what).toBe(true);
        return result;
      };
      await storeRecords(db.store, 'https://example.org/a.ics', calendar(), NOW);
      const first = await check('first build');
      expect(first.catalog[0]!.events.map((e) => e.title)).toContain('WebAssembly night');
      expect(first.catalog[0]!.learned.length).toBeGreaterThan(0);
      // Read back, not rebuilt: a second process at the same state finds the same entries.
      expect((await check('read back')).entries).toEqual(first.entries);

      await storeRecords(db.store, 'https://example.org/b.ics', [meetup('e', 20, 'Rust and security night')], NOW);
      const inserted = await check('after an insert');
      expect(inserted.stamp).not.toBe(first.stamp);
      expect(inserted.catalog[0]!.events.map((e) => e.title)).toContain('Rust and security night');

      await storeRecords(db.store, 'https://example.org/a.ics', calendar('Wasm and Rust night'), NOW);
      const changed = await check('after a change');
      expect(changed.catalog[0]!.events.map((e) => e.title)).toContain('Wasm and Rust night');
      expect(changed.catalog[0]!.events.map((e) => e.title)).not.toContain('WebAssembly night');

      await storeRecords(
        db.store,
        'https://example.org/a.ics',
        calendar('Wasm and Rust night').filter((r) => r.uid !== 'c'),
        NOW,
      );
      const cancelled = await check('after a cancellation');
      expect(cancelled.catalog[0]!.events.map((e) => e.title)).not.toContain('OWASP chapter meeting');
      // The index holds cancelled events too (a listing may ask for them), marked as such.
      expect(cancelled.search[0]![QUERIES.indexOf('place:lisbon')]!.map((hit) => hit.status)).toEqual(['cancelled']);

      const b = await db.store.getSource('https://example.org/b.ics');
      await db.store.removeSource(b!.id);
      const deleted = await check('after a deletion');
      expect(deleted.catalog[0]!.events.map((e) => e.title)).not.toContain('Rust and security night');
    } finally {
      await db.cleanup();
    }
  });

  it('is kept by a new user or feedback, and rebuilt at ingest when a store keeps it', async () => {
    const db = tempStore();
    const derived = openSqliteDerivedCache(db.path);
    try {
      await storeRecords(db.store, 'https://example.org/a.ics', calendar(), NOW);
      const clock = fixedClock(NOW);
      const profile = ProfileSchema.parse({ interests: ['rust'] });
      const input = { profile, contacts: [], userKey: 'u', limit: 10 };
      const picks = await recommend({ store: db.store, clock, derived }, input);
      const kept = (await derived.get(CATALOG_SLOT))!.stamp;
      const eventId = picks.picks[0]!.event.id;
      await db.store.addFeedback({
        userKey: 'u',
        eventId,
        uid: 'a',
        title: 'Rust meetup',
        fields: ['rust'],
        action: 'going',
        met: [],
        reason: null,
        at: NOW,
      });
      expect(await db.store.eventsStamp()).toBe(kept.split('|')[0]);

      // An ingest rebuilds what is kept (here the catalog, not the never-built search index).
      await storeRecords(db.store, 'https://example.org/b.ics', [meetup('e', 20, 'Rust and security night')], NOW);
      await refreshDerived({ store: db.store, derived, clock });
      const rebuilt = (await derived.get(CATALOG_SLOT))!.stamp;
      expect(rebuilt.startsWith(`${await db.store.eventsStamp()}|`)).toBe(true);
      expect(await derived.get(SEARCH_SLOT)).toBeNull();
      const [reader, bare] = [openSqliteStore(db.path), openSqliteStore(db.path)];
      const again = await recommend({ store: reader, clock, derived }, input);
      const fresh = await recommend({ store: bare, clock }, input);
      await Promise.all([reader.close(), bare.close()]);
      expect(again).toEqual(fresh);
    } finally {
      derived.close();
      await db.cleanup();
    }
  });

  it('with unbuiltToo (the Workers queue consumer) builds both entries, as a request would read them', async () => {
    const db = tempStore();
    const derived = openSqliteDerivedCache(db.path);
    try {
      await storeRecords(db.store, 'https://example.org/a.ics', calendar(), NOW);
      const clock = fixedClock(NOW);
      await refreshDerived({ store: db.store, derived, clock });
      expect([await derived.get(CATALOG_SLOT), await derived.get(SEARCH_SLOT)]).toEqual([null, null]);
      await refreshDerived({ store: db.store, derived, clock }, { unbuiltToo: true });
      const stamp = await db.store.eventsStamp();
      const kept = [(await derived.get(CATALOG_SLOT))?.stamp, (await derived.get(SEARCH_SLOT))?.stamp];
      expect(kept.map((entry) => entry?.split('|')[0])).toEqual([stamp, stamp]);
      // What a request builds for itself is what the consumer kept: the same stamp and variant.
      const bare = openSqliteDerivedCache(db.path);
      const reader = openSqliteStore(db.path);
      try {
        await recommend(
          { store: reader, clock, derived: bare },
          { profile: ProfileSchema.parse({ interests: ['rust'] }), contacts: [], userKey: 'u', limit: 10 },
        );
        await sharedSearch({ store: reader, derived: bare }, window);
        expect([(await bare.get(CATALOG_SLOT))?.stamp, (await bare.get(SEARCH_SLOT))?.stamp]).toEqual(kept);
      } finally {
        bare.close();
        await reader.close();
      }
    } finally {
      derived.close();
      await db.cleanup();
    }
  });

  it('stores entries above a D1 row in parts under 2 MB, and a smaller entry replaces all of them', async () => {
    const db = tempStore();
    const derived = openSqliteDerivedCache(db.path);
    try {
      const big = Uint8Array.from({ length: 2 * DERIVED_CACHE_PART_BYTES + 12_345 }, (_, i) => (i * 7) % 251);
      await derived.put('slot', 's1', big);
      const raw = new Database(db.path, { readonly: true });
      const parts = raw.prepare('SELECT length(bytes) AS n FROM derived_cache WHERE key = ?').all('slot') as {
        n: number;
      }[];
      expect(parts.map((p) => p.n)).toEqual([DERIVED_CACHE_PART_BYTES, DERIVED_CACHE_PART_BYTES, 12_345]);
      expect(Math.max(...parts.map((p) => p.n))).toBeLessThan(2_000_000);
      const read = await derived.get('slot');
      expect(read?.stamp).toBe('s1');
      expect(Buffer.from(read!.bytes).equals(Buffer.from(big))).toBe(true);
      await derived.put('slot', 's2', Uint8Array.of(1, 2, 3));
      expect(raw.prepare('SELECT COUNT(*) FROM derived_cache').pluck().get()).toBe(1);
      expect(await derived.get('slot')).toEqual({ stamp: 's2', bytes: Uint8Array.of(1, 2, 3) });
      expect(await derived.get('other')).toBeNull();
      raw.close();
    } finally {
      derived.close();
      await db.cleanup();
    }
  });

  it('opens a store written by the previous schema (without migrations 0006 and 0010) and keeps its events', async () => {
    const db = tempStore();
    await storeRecords(db.store, 'https://example.org/a.ics', calendar(), NOW);
    const before = await db.store.listEvents(listing);
    await db.store.close();
    // The previous release's schema: what 0006 and 0010 add taken away, and neither migration recorded.
    const raw = new Database(db.path);
    raw.exec(`DROP TABLE derived_cache; DROP INDEX occurrences_event; DROP TABLE change_counter;
      DELETE FROM d1_migrations WHERE name IN ('0006_change_counter.sql', '0010_derived_cache.sql');`);
    raw.close();
    const store = openSqliteStore(db.path);
    const derived = openSqliteDerivedCache(db.path);
    try {
      expect(await store.listEvents(listing)).toEqual(before);
      expect((await store.listEvents({ ...listing, limit: 2 })).map((e) => e.id)).toEqual(
        before.slice(0, 2).map((e) => e.id),
      );
      const found = await listEvents({ store, derived }, { ...listing, search: 'rust', limit: 10 });
      expect(found.map((e) => e.title)).toEqual(expect.arrayContaining(['Rust meetup']));
      expect((await derived.get(SEARCH_SLOT))?.stamp.startsWith('0|')).toBe(true);
    } finally {
      derived.close();
      await store.close();
      await db.cleanup();
    }
  });
});
