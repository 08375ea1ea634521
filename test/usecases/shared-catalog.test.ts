import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import type { EventRecord } from '../../src/core/event.ts';
import type { EventStore } from '../../src/core/event-store.ts';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { ProfileSchema } from '../../src/core/profile.ts';
import { recommend } from '../../src/usecases/recommend.ts';
import { searchEvents } from '../../src/usecases/search-events.ts';
import { catalogWindow, sharedCatalog } from '../../src/usecases/shared-catalog.ts';
import { eventRecord } from '../support/events.ts';
import { storeRecords, tempStore } from '../support/store.ts';

const rustMeetup = (uid: string, start: string, title = `Rust meetup ${uid}`): EventRecord =>
  eventRecord({ uid, start, title, description: 'Talks about rust.', topics: ['rust'] });

/** One Rust meetup stored as its own source's whole ingest. */
const storeMeetup = (store: EventStore, uid: string, start: string, title?: string) =>
  storeRecords(store, `https://example.org/${uid}.ics`, [rustMeetup(uid, start, title)], '2026-11-27T00:00:00Z');

const profile = ProfileSchema.parse({ interests: ['rust'], location: { city: 'Berlin', country: 'Germany' } });
const input = { profile, contacts: [], userKey: 't', limit: 10 };
const hour = (iso: string) => ({ fromMs: Date.parse(iso), toMs: Date.parse(iso) + 365 * 86_400_000 });

describe('one catalog shared by the rankings of a day', () => {
  it('widens a window to its first and its last day', () => {
    const span = catalogWindow({
      fromMs: Date.parse('2026-11-27T12:34:56Z'),
      toMs: Date.parse('2027-11-27T12:34:56Z'),
    });
    expect(new Date(span.fromMs).toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(new Date(span.toMs).toISOString()).toBe('2027-11-28T00:00:00.000Z');
  });

  it('is reused within the day and the same store state, and rebuilt after a change or on a new day', async () => {
    const db = tempStore();
    try {
      await storeMeetup(db.store, 'a', '2026-12-03T18:00:00Z');
      const lexicon = defaultLexicon();
      const first = await sharedCatalog(db.store, lexicon, null, hour('2026-11-27T12:10:00Z'));
      expect(await sharedCatalog(db.store, lexicon, null, hour('2026-11-27T12:50:00Z'))).toBe(first);
      expect(await sharedCatalog(db.store, lexicon, null, hour('2026-11-27T23:05:00Z'))).toBe(first);
      expect(await sharedCatalog(db.store, lexicon, null, hour('2026-11-28T00:05:00Z'))).not.toBe(first);

      const before = await sharedCatalog(db.store, lexicon, null, hour('2026-11-28T13:20:00Z'));
      await storeMeetup(db.store, 'b', '2026-12-04T18:00:00Z');
      const after = await sharedCatalog(db.store, lexicon, null, hour('2026-11-28T13:25:00Z'));
      expect(after).not.toBe(before);
      expect(after.events.map((e) => e.title).sort()).toEqual(['Rust meetup a', 'Rust meetup b']);
    } finally {
      await db.cleanup();
    }
  });

  it('ranks each request in its own window: an event that began this hour is gone, and picks match a fresh store', async () => {
    const db = tempStore();
    const fresh = tempStore();
    try {
      const records = [
        // The best match for "rust" of all, so that leaving it would show in the others' reasons.
        rustMeetup('early', '2026-11-27T12:15:00Z', 'Rust lunch talk: rust, rust and Rust'),
        rustMeetup('a', '2026-12-03T18:00:00Z'),
        rustMeetup('b', '2026-12-10T18:00:00Z', 'Rust and WebAssembly night'),
      ];
      await storeRecords(db.store, 'https://example.org/a.ics', records, '2026-11-27T00:00:00Z');
      await storeRecords(fresh.store, 'https://example.org/a.ics', records, '2026-11-27T00:00:00Z');
      const before = await recommend({ store: db.store, clock: fixedClock('2026-11-27T12:05:00Z') }, input);
      expect(before.picks[0]!.event.title).toBe('Rust lunch talk: rust, rust and Rust');

      // Same hour, same catalog; the lunch talk started at 12:15 and is no longer upcoming at 12:40.
      const later = await recommend({ store: db.store, clock: fixedClock('2026-11-27T12:40:00Z') }, input);
      expect(later.picks.map((p) => p.event.title)).not.toContain('Rust lunch talk: rust, rust and Rust');
      // The best match left is scaled against the best in this window, not against the lunch talk.
      const interest = (p: (typeof later.picks)[number]) => p.reasons.find((r) => r.kind === 'interest')?.weight;
      expect(Math.max(...later.picks.map(interest).map(Number))).toBe(3);
      // A store that never served 12:05 (its catalog built for 12:40 alone) gives the very same answer.
      const alone = await recommend({ store: fresh.store, clock: fixedClock('2026-11-27T12:40:00Z') }, input);
      expect(later.picks).toEqual(alone.picks);
      expect(later.giveFirst).toEqual(alone.giveFirst);
      expect(later.gaps).toEqual(alone.gaps);
    } finally {
      await db.cleanup();
      await fresh.cleanup();
    }
  });

  it('search sees what was stored after its index was built', async () => {
    const db = tempStore();
    try {
      await storeMeetup(db.store, 'a', '2026-12-03T18:00:00Z');
      const window = hour('2026-11-27T12:10:00Z');
      const search = { ...window, search: 'webassembly', limit: 10, offset: 0 };
      expect((await searchEvents({ store: db.store }, search)).total).toBe(0);
      await storeMeetup(db.store, 'b', '2026-12-04T18:00:00Z', 'WebAssembly night');
      const found = await searchEvents({ store: db.store }, search);
      expect(found.events.map((e) => e.title)).toEqual(['WebAssembly night']);
    } finally {
      await db.cleanup();
    }
  });
});
