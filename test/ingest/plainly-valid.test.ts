import { describe, expect, it } from 'vitest';
import {
  type EventRecord,
  EventRecordSchema,
  EventTextSchema,
  EventTimingCheckedSchema,
} from '../../src/core/event.ts';
import { plainlyValidText, plainlyValidTiming } from '../../src/ingest/plainly-valid.ts';
import { validRecords } from '../../src/ingest/validate-records.ts';

const BASE: EventRecord = {
  uid: 'series-1@example.org',
  recurrenceId: '2026-12-03T16:00:00Z',
  start: '2026-12-03T16:00:00Z',
  end: '2026-12-03T18:00:00Z',
  allDay: false,
  timeZone: 'Europe/Berlin',
  status: 'confirmed',
  title: 'TypeScript meetup',
  description: 'Doors open at 18:30',
  location: { text: 'Hauptstraße 1, Berlin', city: 'Berlin', country: 'DE', lat: 52.5, lon: 13.4 },
  online: false,
  url: 'https://example.org/e/1',
  kind: 'meetup',
  topics: ['typescript'],
  cfp: { url: null, closes: '2026-11-01' },
  organizer: 'Ana',
};

const DAYS = ['0000', '1900', '2000', '2023', '2024', '2100'].flatMap((year) =>
  ['01', '02', '04', '12', '13', '00'].flatMap((month) =>
    ['00', '01', '28', '29', '30', '31', '32'].map((day) => `${year}-${month}-${day}`),
  ),
);
const INSTANTS = [
  ...DAYS.map((day) => `${day}T16:00:00Z`),
  '2026-12-03T16:00Z',
  '2026-12-03T16:00:00.123456Z',
  '2026-12-03T24:00:00Z',
  '2026-12-03T23:59:60Z',
  '2026-12-03T16:00:00+01:00',
  '2026-12-03T16:00:00z',
  '2026-12-03 16:00:00Z',
  ' 2026-12-03T16:00:00Z',
];
const STRINGS = ['', 'x', 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(200), 'x'.repeat(201), 'x'.repeat(2049)];
const ODD = [null, undefined, 0, Number.NaN, Number.POSITIVE_INFINITY, true, [], {}, '1'];

/** Every field of the record (and of its location and CFP) replaced by each value, one at a time. */
function variants(): EventRecord[] {
  const out: EventRecord[] = [BASE];
  const values = [...ODD, ...STRINGS, ...DAYS, ...INSTANTS, -91, -90, 90, 180, 181, 'hybrid', 'place', 'cancelled'];
  const long = ['x'.repeat(500), 'x'.repeat(501), 'x'.repeat(1000), 'x'.repeat(1001), 'x'.repeat(20_001)];
  for (const value of [...values, ...long]) {
    for (const key of Object.keys(BASE)) out.push({ ...BASE, [key]: value });
    for (const key of ['text', 'city', 'country', 'lat', 'lon', 'geocoded'])
      out.push({ ...BASE, location: { ...BASE.location, [key]: value } });
    for (const key of ['url', 'closes']) out.push({ ...BASE, cfp: { url: null, closes: null, [key]: value } });
  }
  out.push({ ...BASE, start: '2026-12-03', end: '2026-12-04', allDay: true });
  out.push({ ...BASE, end: '2026-12-03T15:00:00Z' });
  out.push({ ...BASE, published: '2026-11-01T00:00:00Z' }, { ...BASE, published: null }, { ...BASE, published: 'x' });
  out.push({ ...BASE, topics: Array.from({ length: 51 }, () => 'a') }, { ...BASE, topics: ['a', 3] as string[] });
  out.push({ ...BASE, topics: new Array<string>(2) }, { ...BASE, cfp: null, online: 'hybrid' });
  return out;
}

describe('plainly valid records', () => {
  it('never passes a record the schema rejects, and passes the plain ones', () => {
    let fast = 0;
    for (const record of variants()) {
      if (plainlyValidTiming(record))
        expect(EventTimingCheckedSchema.safeParse(record).success, JSON.stringify(record)).toBe(true);
      if (plainlyValidText(record))
        expect(EventTextSchema.safeParse(record).success, JSON.stringify(record)).toBe(true);
      if (plainlyValidTiming(record) && plainlyValidText(record)) fast++;
    }
    expect(plainlyValidTiming(BASE) && plainlyValidText(BASE)).toBe(true);
    expect(fast).toBeGreaterThan(100);
  });

  it('reads dates and instants as the schema does, leap days included', () => {
    for (const day of DAYS) {
      const zod = EventTimingCheckedSchema.safeParse({ ...BASE, start: day, end: null }).success;
      expect(plainlyValidTiming({ ...BASE, start: day, end: null }), day).toBe(zod);
      const instant = `${day}T16:00:00Z`;
      expect(plainlyValidTiming({ ...BASE, start: instant, end: null }), instant).toBe(
        EventTimingCheckedSchema.safeParse({ ...BASE, start: instant, end: null }).success,
      );
    }
  });

  it('leaves validRecords naming the same first problem as the whole schema', () => {
    for (const record of variants()) {
      const warnings: string[] = [];
      const kept = [...validRecords([record], warnings)];
      const whole = EventRecordSchema.safeParse(record);
      expect(kept.length, JSON.stringify(record)).toBe(whole.success ? 1 : 0);
      if (!whole.success) {
        const issue = whole.error.issues[0];
        expect(warnings[0]).toContain(`${issue?.path.join('.') || 'record'}: ${issue?.message}`);
      }
    }
  });
});
