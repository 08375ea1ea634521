import { describe, expect, it } from 'vitest';
import type { DedupeCandidate } from '../../src/core/event-store.ts';
import {
  candidateDays,
  DAY_MS,
  dayNumber,
  dayRuns,
  identifyRecords,
  planIngest,
  type StoredOccurrence,
} from '../../src/ingest/plan-ingest.ts';
import { occurrenceRowTail } from '../../src/store/ingest-writes.ts';
import { calendarRun, record } from './contract/harness.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

describe('the ingest plan, decided without a store', () => {
  it('numbers days by the date a start is written with, whatever its offset', () => {
    expect(dayNumber('2026-12-01')).toBe(day('2026-12-01'));
    expect(dayNumber('2026-12-01T23:30:00-05:00')).toBe(day('2026-12-01'));
    expect(dayNumber('1969-12-31T10:00:00Z')).toBe(-1);
  });

  it('folds candidate days into runs, one range look-up each', () => {
    expect(dayRuns([1, 2, 3, 7, 9, 10])).toEqual([
      [1, 3],
      [7, 7],
      [9, 10],
    ]);
    expect(dayRuns([])).toEqual([]);
  });

  it('asks for candidates only around records the source has not stored before', () => {
    const records = identifyRecords(
      'src',
      [record('old', '2026-12-01T10:00:00Z'), record('new', '2026-12-10T10:00:00Z')],
      occurrenceRowTail,
    );
    const stored: StoredOccurrence[] = [
      {
        id: records[0]!.id,
        eventId: records[0]!.id,
        contentHash: 'x',
        status: 'confirmed',
        startMs: null,
        publishedMs: null,
        listed: false,
      },
    ];
    expect(candidateDays(records, stored)).toEqual([day('2026-12-09'), day('2026-12-10'), day('2026-12-11')]);
  });

  it('matches against the neighbouring days it was given and answers every change as a value', () => {
    const records = identifyRecords(
      'src',
      [
        record('a', '2026-12-10T20:00:00Z'),
        record('b', '2026-12-12T20:00:00Z'),
        record('a', '2026-12-10T20:00:00Z', { title: 'A, later listing' }),
      ],
      occurrenceRowTail,
    );
    const other: DedupeCandidate = {
      eventId: 'elsewhere',
      uid: 'a',
      start: '2026-12-09T23:00:00Z',
      allDay: false,
      title: 'A',
      urlKey: null,
      place: 'berlin',
      online: false,
    };
    const plan = planIngest({
      records,
      stored: [],
      candidatesByDay: new Map([[day('2026-12-09'), [other]]]),
      outcome: calendarRun(),
      matcher: (incoming, candidates) => candidates.find((c) => c.uid === incoming.uid)?.eventId ?? null,
    });
    expect(plan.counts).toEqual({ new: 2, changed: 0, unchanged: 0, cancelled: 0, withdrawn: 0 });
    expect(plan.writes.map((w) => [w.record.uid, w.eventId, w.record.title])).toEqual([
      ['a', 'elsewhere', 'A, later listing'],
      ['b', records[1]!.id, 'Event b'],
    ]);
    expect(plan.texts.map((text) => text.textId).sort()).toEqual(
      [records[1]!.split.textId, records[2]!.split.textId].sort(),
    );
    expect(plan.listed).toBeNull();
  });

  it('keeps of each record only what the write and the matcher read: no description outlives the split', () => {
    const [identified] = identifyRecords(
      'src',
      [
        record('a', '2026-12-10T20:00:00Z', {
          description: 'A long description the split serialises into the text JSON.',
          url: 'https://example.org/talk?utm_source=feed',
          location: { text: 'c-base, Rungestraße 20, Berlin', city: null, country: null, lat: null, lon: null },
        }),
      ],
      occurrenceRowTail,
    );
    expect(identified!.record).toEqual({
      uid: 'a',
      recurrenceId: null,
      start: '2026-12-10T20:00:00Z',
      allDay: false,
      title: 'Event a',
      urlKey: identified!.split.urlKey,
      place: identified!.split.placeKey,
      online: false,
      status: 'confirmed',
    });
    expect(identified!.split.urlKey).not.toBeNull();
    expect(identified!.split.placeKey).toContain('berlin');
    expect(JSON.parse(identified!.split.textJson).description).toBe(
      'A long description the split serialises into the text JSON.',
    );
  });

  it('lists each text the written rows point to once, in the order rows first point to it', () => {
    const shared = { description: 'One series, one text.' };
    const records = identifyRecords(
      'src',
      [
        record('s', '2026-12-10T20:00:00Z', shared),
        record('t', '2026-12-11T20:00:00Z'),
        record('s', '2026-12-17T20:00:00Z', { ...shared, recurrenceId: '2026-12-17T20:00:00Z' }),
      ],
      occurrenceRowTail,
    );
    const plan = planIngest({
      records,
      stored: [],
      candidatesByDay: new Map(),
      outcome: calendarRun(),
      matcher: () => null,
    });
    expect(plan.writes).toHaveLength(3);
    expect(records[0]!.split.textId).toBe(records[2]!.split.textId);
    expect(plan.texts.map((text) => [text.textId, text.textJson])).toEqual([
      [records[0]!.split.textId, records[0]!.split.textJson],
      [records[1]!.split.textId, records[1]!.split.textJson],
    ]);
  });
});
