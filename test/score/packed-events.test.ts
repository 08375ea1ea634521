import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/core/event.ts';
import { packParts, unpackParts } from '../../src/core/packed-bytes.ts';
import { packEvents, unpackEvents } from '../../src/score/packed-events.ts';
import { eventRecord } from '../support/events.ts';

const stored = (uid: string, start: string, extra: Partial<StoredEvent> = {}): StoredEvent => ({
  ...eventRecord({ uid, title: `Series ${uid}`, start, description: `About ${uid}, at length.` }),
  id: `${uid}@${start}`,
  city: null,
  country: null,
  sources: ['feed'],
  firstSeen: '2026-11-01T00:00:00Z',
  lastChanged: '2026-11-01T00:00:00Z',
  ...extra,
});

const roundTrip = (events: StoredEvent[]) => unpackEvents(unpackParts(packParts(packEvents(events))));

describe('events packed for a persisted catalog', () => {
  const events = [
    stored('weekly', '2026-12-01T18:00:00Z'),
    stored('weekly', '2026-12-08T18:00:00Z', { recurrenceId: '20261208T180000Z' }),
    stored('weekly', '2026-12-15T18:00:00Z', { title: 'Series weekly, moved', published: '2026-11-02T00:00:00Z' }),
    stored('once', '2026-12-03T09:00:00Z', { status: 'cancelled', published: undefined }),
    stored('undated', '2026-12-04T09:00:00Z', { start: null, end: null }),
  ];

  it('come back equal to a JSON copy, keys in the same order, undefined keys left out', () => {
    const back = roundTrip(events);
    expect(back).toStrictEqual(JSON.parse(JSON.stringify(events)));
    expect(back.map((e) => Object.keys(e))).toEqual(events.map((e) => Object.keys(JSON.parse(JSON.stringify(e)))));
  });

  it('keep a body the occurrences of a series share once, and what tells them apart per event', () => {
    const packed = packEvents([events[0]!, events[1]!, events[0]!]);
    const bodies = JSON.parse(packed.eventBodies as string) as unknown[];
    // The first and the third share everything; the second differs in its recurrence id alone.
    expect(bodies).toHaveLength(1);
    expect([...(packed.eventBodyOf as Uint32Array)]).toEqual([0, 0, 0]);
    expect(roundTrip([events[0]!, events[1]!])[1]!.recurrenceId).toBe('20261208T180000Z');
  });

  it('come back empty from no events', () => {
    expect(roundTrip([])).toEqual([]);
  });
});
