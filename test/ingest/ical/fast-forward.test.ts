import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { fastForwardStart } from '../../../src/ingest/ical/fast-forward.ts';
import { parseIcs } from '../../../src/ingest/ical/parse-ics.ts';
import { type WallTime, wallOfNaive } from '../../../src/ingest/ical/zones.ts';
import { calendar } from '../../support/calendars.ts';
import { icalSteps } from '../../support/ical-steps.ts';

const DAY_MS = 86_400_000;

let seed = 29;
/** The high bits of an LCG: its low bits repeat with a short period. */
function random(n: number): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 12) % n;
}
const pick = <T>(list: readonly T[]): T => list[random(list.length)]!;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const icalDate = (t: WallTime, isDate: boolean) =>
  `${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}${isDate ? '' : `T${pad(t.hour)}${pad(t.minute)}${pad(t.second)}`}`;

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** A rule of the kinds calendars write, with the parts that make ical.js step through every period. */
function randomRule(start: WallTime): string {
  const freq = pick(['DAILY', 'WEEKLY']);
  const parts = [`FREQ=${freq}`];
  if (random(2)) parts.push(`INTERVAL=${1 + random(4)}`);
  if (random(3)) {
    const days = DAYS.filter(() => random(2));
    parts.push(`BYDAY=${(days.length ? days : ['MO']).join(',')}`);
  }
  if (random(5) === 0) parts.push(`BYMONTH=${1 + random(12)},${1 + random(12)}`);
  if (freq === 'DAILY' && random(6) === 0) parts.push(`BYMONTHDAY=${pick([1, 13, 28])}`);
  if (random(5) === 0) parts.push(`BYHOUR=${random(24)},${random(24)}`);
  if (random(8) === 0) parts.push(`BYMINUTE=0,30`);
  if (freq === 'WEEKLY' && random(6) === 0) parts.push('BYSETPOS=1,-1');
  if (random(4) === 0) parts.push(`WKST=${pick(DAYS)}`);
  if (random(4) === 0) {
    const until = wallOfNaive(Date.UTC(start.year, start.month - 1, start.day) + random(30 * 365) * DAY_MS);
    parts.push(`UNTIL=${icalDate(until, false)}`);
  }
  return parts.join(';');
}

describe('rules without COUNT stepped from shortly before the window', () => {
  it('yield what stepping from DTSTART yields, from the window on', () => {
    const differing: string[] = [];
    let forwarded = 0;
    for (let n = 0; n < 500; n++) {
      const isDate = random(5) === 0;
      const fromNaiveMs = Date.UTC(2024 + random(3), random(12), 1 + random(28), random(24));
      // Hourly series from the last two years: stepping one from 2000 as the reference would take minutes.
      const hourly = random(5) === 0;
      const years = hourly ? 2 : 12;
      const startMs = fromNaiveMs - (1 + random(years * 365)) * DAY_MS - (isDate ? 0 : random(86_400) * 1000);
      const start = wallOfNaive(isDate ? startMs - (startMs % DAY_MS) : startMs);
      const rule = hourly
        ? `FREQ=HOURLY;INTERVAL=${1 + random(5)}${random(2) ? ';BYDAY=TU,SA' : ''}`
        : randomRule(start);
      if (isDate && /HOURLY|BYHOUR|BYMINUTE/.test(rule)) continue;
      const recur = ICAL.Recur.fromString(rule);
      const from = fastForwardStart(recur, start, fromNaiveMs);
      if (!from) continue;
      forwarded++;
      const limit = hourly ? 300 : 120;
      const expected = icalSteps(recur, start, isDate, { limit, fromNaiveMs });
      const actual = icalSteps(recur, from, isDate, { limit, fromNaiveMs });
      if (JSON.stringify(actual) !== JSON.stringify(expected)) differing.push(`${icalDate(start, isDate)} ${rule}`);
    }
    expect(forwarded).toBeGreaterThan(300);
    expect(differing).toEqual([]);
  });

  it('leave counted rules, months and years to be stepped from DTSTART', () => {
    const start = wallOfNaive(Date.UTC(2009, 2, 10, 9, 30));
    const from = Date.UTC(2026, 0, 1);
    expect(fastForwardStart(ICAL.Recur.fromString('FREQ=DAILY;COUNT=9000;BYDAY=MO'), start, from)).toBeNull();
    expect(fastForwardStart(ICAL.Recur.fromString('FREQ=MONTHLY;BYDAY=1MO'), start, from)).toBeNull();
    expect(fastForwardStart(ICAL.Recur.fromString('FREQ=YEARLY;BYMONTH=4;BYDAY=1SU'), start, from)).toBeNull();
    // Already near the window: nothing to skip.
    expect(fastForwardStart(ICAL.Recur.fromString('FREQ=DAILY;BYDAY=MO'), start, Date.UTC(2009, 2, 12))).toBeNull();
  });

  it('a weekday stand-up begun in 2009 expands in the window as it did, without nearing the time budget', () => {
    const ics = calendar(
      [
        'BEGIN:VEVENT',
        'UID:standup@test',
        'DTSTAMP:20090301T000000Z',
        'DTSTART;TZID=Australia/Sydney:20090310T093000',
        'DTEND;TZID=Australia/Sydney:20090310T094500',
        'RRULE:FREQ=DAILY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR;WKST=SU',
        'SUMMARY:Stand-up',
        'END:VEVENT',
      ].join('\r\n'),
    );
    const window = { fromMs: Date.parse('2026-12-01T00:00:00Z'), toMs: Date.parse('2027-03-01T00:00:00Z') };
    const parsed = parseIcs(ics, { window, nowMs: window.fromMs, kind: null, topics: [] });
    const records = [...parsed.records];
    const warnings = parsed.warnings;
    expect(warnings.join('\n')).not.toMatch(/stopped at its limit/);
    // Every weekday in Sydney at 09:30, 22:30 UTC the day before in its summer, counted day by day.
    let weekdays = 0;
    for (let day = window.fromMs - DAY_MS; day < window.toMs; day += DAY_MS) {
      const at = day + 22.5 * 3_600_000;
      const sydneyWeekday = new Date(day + DAY_MS).getUTCDay();
      if (at >= window.fromMs && at < window.toMs && sydneyWeekday >= 1 && sydneyWeekday <= 5) weekdays++;
    }
    expect(records).toHaveLength(weekdays);
    expect(records.every((r) => r.start?.endsWith('T22:30:00Z'))).toBe(true);
  });
});
