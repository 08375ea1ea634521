import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { CalendarEntry, Publication } from '../../src/core/publication.ts';
import { writeCalendar } from '../../src/render/ical/write-calendar.ts';
import { expectedText } from '../support/calendars.ts';

const DAY_MS = 86_400_000;
// Text as feeds hand it over: any code point, and the characters iCalendar escapes or must never see.
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc
    .array(fc.constantFrom('a', ' ', ';', ',', '\\', '\r', '\n', '\r\n', '"', ':', '\u0000', '🦀', 'é', '\t'), {
      maxLength: 40,
    })
    .map((parts) => parts.join('')),
);
const instant = fc.integer({ min: Date.UTC(1971, 0, 1) / 1000, max: Date.UTC(2199, 0, 1) / 1000 }).map((s) => s * 1000);

const entry: fc.Arbitrary<CalendarEntry> = fc
  .record({
    id: fc.stringMatching(/^[0-9a-f]{16}$/),
    title: text,
    startMs: instant,
    lengthMs: fc.option(
      fc.integer({ min: 0, max: 30 * 86_400 }).map((s) => s * 1000),
      { nil: null },
    ),
    allDay: fc.boolean(),
    location: fc.option(text, { nil: null }),
    url: fc.option(fc.webUrl(), { nil: null }),
    description: text,
    categories: fc.array(fc.stringMatching(/^[a-z][a-z-]{0,15}$/), { maxLength: 4 }),
    cancelled: fc.boolean(),
  })
  .map((r) => {
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    const start = r.allDay ? iso(r.startMs).slice(0, 10) : iso(r.startMs);
    const endMs =
      r.lengthMs === null
        ? null
        : r.startMs + (r.allDay ? Math.max(1, Math.round(r.lengthMs / DAY_MS)) * DAY_MS : r.lengthMs);
    return {
      uid: `pick-${r.id}@convene`,
      eventId: r.id,
      title: r.title,
      start,
      end: endMs === null ? null : r.allDay ? iso(endMs).slice(0, 10) : iso(endMs),
      allDay: r.allDay,
      location: r.location,
      url: r.url,
      description: r.description,
      categories: r.categories,
      status: r.cancelled ? 'cancelled' : 'confirmed',
      eventChangedAt: '2026-11-20T10:00:00.000Z',
    } satisfies CalendarEntry;
  });

const publication = (e: CalendarEntry, sequence: number): Publication => ({
  entry: e,
  sequence,
  publishedAt: '2026-11-21T00:00:00.000Z',
  lastModified: e.eventChangedAt,
  withdrawnAt: null,
});

function readBack(ics: string) {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => {
    const start = v.getFirstPropertyValue('dtstart') as ICAL.Time;
    const end = v.getFirstPropertyValue('dtend') as ICAL.Time | null;
    const when = (t: ICAL.Time) =>
      t.isDate ? t.toString() : new Date(t.toUnixTime() * 1000).toISOString().replace('.000Z', 'Z');
    return {
      uid: v.getFirstPropertyValue('uid'),
      title: v.getFirstPropertyValue('summary'),
      start: when(start),
      end: end ? when(end) : null,
      location: v.getFirstPropertyValue('location') ?? null,
      url: v.getFirstPropertyValue('url') ?? null,
      description: v.getFirstPropertyValue('description'),
      categories: v.getAllProperties('categories').flatMap((p) => p.getValues()),
      status: String(v.getFirstPropertyValue('status')).toLowerCase(),
    };
  });
}

// Bounded so that the file runs in a few seconds: each run writes and reads up to five entries.
const RUNS = 500;

describe('the iCalendar writer', () => {
  it(`writes what ical.js reads back as the same events, whatever the text (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 5 }), text, (entries, name) => {
        const ics = writeCalendar(
          { name, description: 'Picks', refresh: 'PT3H' },
          entries.map((e, i) => publication(e, i)),
        );
        expect(ics.split('\r\n').every((line) => !/\r|\n/.test(line))).toBe(true);
        expect(readBack(ics)).toEqual(
          entries.map((e) => ({
            uid: e.uid,
            title: expectedText(e.title),
            start: e.start,
            end: e.end !== null && (e.allDay || e.end > e.start) ? e.end : null,
            location: e.location ? expectedText(e.location) : null,
            url: e.url,
            description: expectedText(e.description),
            categories: e.categories,
            status: e.status,
          })),
        );
      }),
      { numRuns: RUNS },
    );
  });
});
