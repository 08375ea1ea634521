import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../../src/core/event.ts';
import type { DedupeMatcher } from '../../../src/core/event-store.ts';
import {
  AT,
  calendarRun,
  EVERYTHING,
  feedRun,
  manyRecords,
  noMatch,
  type OpenStore,
  record,
  storePerTest,
} from './harness.ts';

const LATER = '2026-11-28T00:00:00Z';

export function eventsContract(open: OpenStore): void {
  describe('store contract: events and ingest', () => {
    const store = storePerTest(open);
    const summary = async () => (await store().listEvents(EVERYTHING)).map((e) => [e.uid, e.start, e.status, e.title]);

    it('counts new, unchanged, changed and cancelled occurrences across runs', async () => {
      const source = await store().ensureSource({ location: '/a.ics' });
      const first = [record('a', '2026-12-01T10:00:00Z'), record('b', '2026-12-02T10:00:00Z')];
      expect(await store().saveIngest(source.id, first, calendarRun(), noMatch)).toEqual({
        new: 2,
        changed: 0,
        unchanged: 0,
        cancelled: 0,
        withdrawn: 0,
      });
      const second = [record('a', '2026-12-01T10:00:00Z', { title: 'Renamed' }), record('c', '2026-12-03T10:00:00Z')];
      expect(await store().saveIngest(source.id, second, calendarRun({ at: LATER }), noMatch)).toEqual({
        new: 1,
        changed: 1,
        unchanged: 0,
        cancelled: 1,
        withdrawn: 0,
      });
      expect(await summary()).toEqual([
        ['a', '2026-12-01T10:00:00Z', 'confirmed', 'Renamed'],
        ['b', '2026-12-02T10:00:00Z', 'cancelled', 'Event b'],
        ['c', '2026-12-03T10:00:00Z', 'confirmed', 'Event c'],
      ]);
      const renamed = (await store().listEvents(EVERYTHING))[0]!;
      expect([renamed.firstSeen, renamed.lastChanged]).toEqual([AT, LATER]);
      const again = await store().saveIngest(source.id, second, calendarRun({ at: LATER }), noMatch);
      expect(again).toMatchObject({ new: 0, changed: 0, unchanged: 2, cancelled: 0 });
    });

    it('the same UID twice in one run is stored once, as the later listing has it', async () => {
      const source = await store().ensureSource({ location: '/a.ics' });
      const counts = await store().saveIngest(
        source.id,
        [record('a', '2026-12-01T10:00:00Z'), record('a', '2026-12-01T10:00:00Z', { title: 'Later' })],
        calendarRun(),
        noMatch,
      );
      expect(counts.new).toBe(1);
      expect(await summary()).toEqual([['a', '2026-12-01T10:00:00Z', 'confirmed', 'Later']]);
    });

    it('a record stream that fails part-way leaves the previous events exactly as they were', async () => {
      const source = await store().ensureSource({ location: '/a.ics' });
      await store().saveIngest(source.id, manyRecords('old', 150), calendarRun(), noMatch);
      const before = await summary();
      function* failing(): Generator<EventRecord> {
        yield* manyRecords('new', 150);
        throw new Error('parser gave up');
      }
      await expect(store().saveIngest(source.id, failing(), calendarRun({ at: LATER }), noMatch)).rejects.toThrow(
        'parser gave up',
      );
      expect(await summary()).toEqual(before);
      expect((await store().getSourceById(source.id))?.lastSuccessAt).toBe(AT);
    });

    it('a write the database refuses part-way (a NOT NULL column, last of 600 rows) keeps the previous events', async () => {
      const source = await store().ensureSource({ location: '/a.ics' });
      await store().saveIngest(source.id, manyRecords('old', 120), calendarRun(), noMatch);
      const before = await summary();
      const refused = [
        ...manyRecords('new', 599),
        // A title the schema refuses, as a driver or parser bug would hand it over.
        record('bad', '2026-12-05T10:00:00Z', { title: null as unknown as string }),
      ];
      await expect(store().saveIngest(source.id, refused, calendarRun({ at: LATER }), noMatch)).rejects.toThrow();
      expect(await summary()).toEqual(before);
      expect(await store().getSourceById(source.id)).toMatchObject({ lastSuccessAt: AT, eventCount: 120 });
    });

    it('fetches 250 events by id (over the 100-parameter limit) and leaves out unknown ids', async () => {
      const source = await store().ensureSource({ location: '/a.ics' });
      await store().saveIngest(source.id, manyRecords('e', 260), calendarRun(), noMatch);
      const all = await store().listEvents(EVERYTHING);
      expect(all).toHaveLength(260);
      const wanted = all.slice(5, 255).map((e) => e.id);
      const got = await store().getEvents([...wanted, 'no-such-event']);
      expect(got.map((e) => e.id).sort()).toEqual([...wanted].sort());
      expect(await store().getEvent(wanted[0]!)).toEqual(all[5]);
      expect(await store().getEvent('no-such-event')).toBeNull();
    });

    it('stores and reads back a description near 1 MB, and 2,000 occurrences in one run', async () => {
      const source = await store().ensureSource({ location: '/a.ics' });
      // Multi-byte text: a limit counted in bytes is reached before one counted in characters.
      const description = 'Zürich café talk — '.repeat(45_000).slice(0, 900_000);
      const records = [record('long', '2026-12-01T10:00:00Z', { description }), ...manyRecords('bulk', 2_000)];
      expect((await store().saveIngest(source.id, records, calendarRun(), noMatch)).new).toBe(2_001);
      const long = (await store().listEvents(EVERYTHING)).find((e) => e.uid === 'long');
      expect(long?.description).toBe(description);
    });

    it('two ingests started together see each other: the same event from two sources is one event', async () => {
      const a = await store().ensureSource({ location: '/a.ics' });
      const b = await store().ensureSource({ location: '/b.ics' });
      // Whatever the other source stored on that day is the same event here.
      const sameDay: DedupeMatcher = (_incoming, candidates) => candidates[0]?.eventId ?? null;
      await Promise.all([
        store().saveIngest(a.id, [record('from-a', '2026-12-10T18:00:00Z')], calendarRun(), sameDay),
        store().saveIngest(b.id, [record('from-b', '2026-12-10T18:00:00Z')], calendarRun(), sameDay),
      ]);
      const events = await store().listEvents(EVERYTHING);
      expect(events).toHaveLength(1);
      expect(events[0]!.sources.sort()).toEqual(['/a.ics', '/b.ics']);
    });

    it('offers the matcher other sources’ events from the same and neighbouring days, and files a match under their event', async () => {
      const a = await store().ensureSource({ location: '/a.ics' });
      const b = await store().ensureSource({ location: '/b.ics' });
      await store().saveIngest(
        a.id,
        [
          record('same', '2026-12-10T18:00:00Z'),
          record('next-day', '2026-12-11T09:00:00Z'),
          record('far', '2026-12-20T18:00:00Z'),
        ],
        calendarRun(),
        noMatch,
      );
      const offered: string[][] = [];
      const matcher: DedupeMatcher = (incoming, candidates) => {
        offered.push([incoming.uid, ...candidates.map((c) => c.uid).sort()]);
        return candidates.find((c) => c.uid === 'same' && incoming.uid === 'mine')?.eventId ?? null;
      };
      await store().saveIngest(
        b.id,
        [record('mine', '2026-12-10T20:00:00Z'), record('alone', '2026-12-30T10:00:00Z')],
        calendarRun(),
        matcher,
      );
      expect(offered).toEqual([['mine', 'next-day', 'same'], ['alone']]);
      const events = await store().listEvents(EVERYTHING);
      const same = events.find((e) => e.uid === 'same')!;
      expect(same.sources.sort()).toEqual(['/a.ics', '/b.ics']);
      expect(events).toHaveLength(4);
    });

    it('counts the events a listing holds, each once however many sources and occurrences it has', async () => {
      const a = await store().ensureSource({ location: '/a.ics' });
      const b = await store().ensureSource({ location: '/b.ics' });
      const listed = [
        record('same', '2026-12-10T18:00:00Z'),
        record('next-day', '2026-12-11T09:00:00Z'),
        record('undated', '2026-12-01T00:00:00Z', { start: null }),
      ];
      await store().saveIngest(a.id, [...listed, record('gone', '2026-12-12T10:00:00Z')], calendarRun(), noMatch);
      await store().saveIngest(a.id, listed, calendarRun({ at: LATER }), noMatch);
      const matcher: DedupeMatcher = (incoming, candidates) =>
        candidates.find((c) => c.uid === 'same' && incoming.uid === 'mine')?.eventId ?? null;
      await store().saveIngest(
        b.id,
        [record('mine', '2026-12-10T20:00:00Z'), record('alone', '2026-12-30T10:00:00Z')],
        calendarRun(),
        matcher,
      );
      const confirmed = { ...EVERYTHING, includeCancelled: false };
      const queries = [
        EVERYTHING,
        confirmed,
        { ...confirmed, includeUndated: false },
        // Only the second source's occurrence of the merged event starts in it: still one event.
        { ...confirmed, includeUndated: false, fromMs: Date.parse('2026-12-10T19:00:00Z') },
        { ...confirmed, fromMs: Date.parse('2027-01-01T00:00:00Z') },
      ];
      const counts = await Promise.all(queries.map((query) => store().countEvents(query)));
      const lengths = await Promise.all(queries.map(async (query) => (await store().listEvents(query)).length));
      expect(counts).toEqual(lengths);
      expect(counts).toEqual([5, 4, 3, 3, 1]);
    });

    it('a feed item taken down while newer than the items still listed is withdrawn, not cancelled', async () => {
      const source = await store().ensureSource({ location: '/feed.xml' });
      const item = (n: number) =>
        record(`item-${n}`, `2026-12-${String(10 + n).padStart(2, '0')}T18:00:00Z`, {
          published: `2026-11-${String(10 + n).padStart(2, '0')}T08:00:00Z`,
        });
      await store().saveIngest(source.id, [1, 2, 3].map(item), feedRun(), noMatch);
      // The first run only records what was listed; the second compares with it.
      await store().saveIngest(source.id, [1, 2, 3].map(item), feedRun(), noMatch);
      const counts = await store().saveIngest(source.id, [1, 2, 4].map(item), feedRun({ at: LATER }), noMatch);
      expect(counts).toMatchObject({ new: 1, withdrawn: 1, cancelled: 0 });
      expect((await summary()).map(([uid, , status]) => [uid, status])).toEqual([
        ['item-1', 'confirmed'],
        ['item-2', 'confirmed'],
        ['item-3', 'withdrawn'],
        ['item-4', 'confirmed'],
      ]);
    });

    it('rewrites stored texts and repoints every occurrence that shared them', async () => {
      const source = await store().ensureSource({ location: '/a.ics' });
      const series = ['2026-12-01', '2026-12-08', '2026-12-15'].map((day) =>
        record('s', `${day}T18:00:00Z`, { recurrenceId: day, title: 'Study group' }),
      );
      await store().saveIngest(source.id, series, calendarRun(), noMatch);
      const changed = await store().rewriteEventTexts((text) =>
        text.location.city === 'Berlin' ? { ...text, location: { ...text.location, city: 'Potsdam' } } : null,
      );
      expect(changed).toBe(1);
      expect((await store().listEvents(EVERYTHING)).map((e) => e.city)).toEqual(['Potsdam', 'Potsdam', 'Potsdam']);
      expect(await store().rewriteEventTexts(() => null)).toBe(0);
      const again = await store().saveIngest(source.id, series, calendarRun({ at: LATER }), noMatch);
      expect(again).toMatchObject({ changed: 3, unchanged: 0 });
    });
  });
}
