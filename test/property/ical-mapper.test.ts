import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/core/errors.ts';
import { SERIES_LIMITS } from '../../src/ingest/ical/expand.ts';
import { parseIcs } from '../../src/ingest/ical/parse-ics.ts';
import { calendar, vevent } from '../support/calendars.ts';
import { mutated } from './mutate.ts';

const OPTIONS = {
  window: { fromMs: Date.parse('2026-01-01'), toMs: Date.parse('2028-01-01') },
  nowMs: Date.parse('2026-11-27'),
  kind: null,
  topics: [],
};

const ZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Office',
  'BEGIN:STANDARD',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
].join('\r\n');

const BASES = [
  calendar(
    ZONE,
    vevent('weekly@test', '20270104T180000', 'Rust; weekly, \\n night', [
      'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=20',
      'EXDATE;TZID=Office:20270111T180000',
      'DTEND;TZID=Office:20270104T200000',
      'LOCATION:c-base\\, Berlin',
      'GEO:52.51;13.42',
      'CATEGORIES:rust,meetup',
    ]).replace('DTSTART:', 'DTSTART;TZID=Office:'),
    vevent('weekly@test', '20270118T190000Z', 'Moved', ['RECURRENCE-ID;TZID=Office:20270118T180000']),
    vevent('allday@test', '20270301', 'Conference', ['DTEND;VALUE=DATE:20270303', 'URL:https://example.org/c']),
  ),
  calendar(
    vevent('monthly@test', '20270115T090000Z', 'Monthly', ['RRULE:FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20271231T000000Z']),
  ),
];

/** Parses and reads every record; the only failure allowed is a SourceError naming the problem. */
function readAll(text: string): number {
  try {
    const parsed = parseIcs(text, OPTIONS);
    let count = 0;
    for (const record of parsed.records) {
      expect(typeof record.title).toBe('string');
      count++;
    }
    for (const warning of parsed.warnings) expect(warning.length).toBeLessThan(400);
    return count;
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    expect(error.message.length).toBeLessThan(300);
    return 0;
  }
}

// Bounded so that the file runs in a few seconds: each run parses one small calendar.
const RUNS = { random: 300, mutated: 400 } as const;

describe('the iCalendar mapper under random and mutated input', () => {
  it(`never crashes or hangs on random text after BEGIN:VCALENDAR (${RUNS.random} runs)`, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (tail) => {
        readAll(`BEGIN:VCALENDAR\r\n${tail}`);
      }),
      { numRuns: RUNS.random },
    );
  });

  it(`never crashes or hangs on mutated real calendars, and never exceeds the series cap (${RUNS.mutated} runs)`, () => {
    fc.assert(
      fc.property(mutated(BASES), (text) => {
        expect(readAll(text)).toBeLessThanOrEqual(3 * (SERIES_LIMITS.maxOccurrences + 1));
      }),
      { numRuns: RUNS.mutated },
    );
  });
});
