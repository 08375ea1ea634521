import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../src/core/event.ts';
import { matchDuplicate } from '../src/ingest/dedupe.ts';
import { eventRecord } from './support/events.ts';
import { ingestSuccess, tempStore } from './support/store.ts';

const record = (uid: string, start: string): EventRecord =>
  eventRecord({
    uid,
    title: `Event ${uid}`,
    start,
    end: null,
    timeZone: 'UTC',
    location: { text: null, city: null, country: null, lat: null, lon: null },
  });

const success = (warnings: string[] = []) =>
  ingestSuccess('2026-11-27T00:00:00Z', { fromMs: Date.parse('2026-11-01'), toMs: Date.parse('2027-11-01') }, warnings);

describe('the SQLite store writes a source atomically', () => {
  let db: ReturnType<typeof tempStore>;
  beforeEach(() => {
    db = tempStore();
  });
  afterEach(() => db.cleanup());

  it('S1 a record stream that fails part-way leaves the previous events exactly as they were', async () => {
    const source = await db.store.ensureSource({ location: '/demo.ics' });
    await db.store.saveIngest(
      source.id,
      [record('a', '2026-12-01T10:00:00Z'), record('b', '2026-12-02T10:00:00Z')],
      success(),
      matchDuplicate,
    );
    function* failing() {
      yield record('a', '2026-12-05T10:00:00Z');
      yield record('c', '2026-12-06T10:00:00Z');
      throw new Error('parser gave up');
    }
    await expect(db.store.saveIngest(source.id, failing(), success(), matchDuplicate)).rejects.toThrow(
      'parser gave up',
    );
    const events = await db.store.listEvents({
      fromMs: 0,
      toMs: Date.parse('2030-01-01'),
      includeUndated: true,
      includeCancelled: true,
    });
    expect(events.map((e) => [e.uid, e.start, e.status])).toEqual([
      ['a', '2026-12-01T10:00:00Z', 'confirmed'],
      ['b', '2026-12-02T10:00:00Z', 'confirmed'],
    ]);
  });

  it('occurrences of one series share one stored text, and a changed text replaces it', async () => {
    const source = await db.store.ensureSource({ location: '/series.ics' });
    const location = { text: 'Berlin', city: null, country: null, lat: null, lon: null };
    const series = (title: string) =>
      ['2026-12-01', '2026-12-08', '2026-12-15'].map((day) => ({
        ...record('s', `${day}T18:00:00Z`),
        recurrenceId: day,
        title,
        location,
      }));
    await db.store.saveIngest(source.id, series('Study group'), success(), matchDuplicate);
    const counts = await db.store.saveIngest(source.id, series('Study group (new room)'), success(), matchDuplicate);
    expect(counts).toEqual({ new: 0, changed: 3, unchanged: 0, cancelled: 0, withdrawn: 0 });
    const events = await db.store.listEvents({
      fromMs: 0,
      toMs: Date.parse('2030-01-01'),
      includeUndated: true,
      includeCancelled: true,
    });
    expect(new Set(events.map((e) => e.title))).toEqual(new Set(['Study group (new room)']));
  });
});
