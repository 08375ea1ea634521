import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { parseIcs } from '../../../src/ingest/ical/parse-ics.ts';
import {
  plainRule,
  plainRuleEnded,
  plainRuleIndexFrom,
  plainRuleNaiveMs,
} from '../../../src/ingest/ical/plain-rule.ts';
import { type WallTime, wallOfNaive } from '../../../src/ingest/ical/zones.ts';
import { calendar } from '../../support/calendars.ts';
import { icalSteps } from '../../support/ical-steps.ts';

const DAY_MS = 86_400_000;

let seed = 11;
/** The high bits of an LCG: its low bits repeat with a short period. */
function random(n: number): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 12) % n;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const icalDate = (t: WallTime, isDate: boolean) =>
  `${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}${isDate ? '' : `T${pad(t.hour)}${pad(t.minute)}${pad(t.second)}`}`;

function randomWall(isDate: boolean): WallTime {
  const ms = Date.UTC(1995, 0, 1) + random(40 * 365) * DAY_MS + (isDate ? 0 : random(86_400) * 1000);
  return wallOfNaive(ms);
}

function randomRule(start: WallTime): string {
  const parts = [`FREQ=${['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'][random(4)]}`];
  if (random(2)) parts.push(`INTERVAL=${1 + random(5)}`);
  if (random(3) === 0) parts.push(`COUNT=${1 + random(40)}`);
  if (random(3) === 0) {
    const until = wallOfNaive(Date.UTC(start.year, start.month - 1, start.day) + (random(900) - 30) * DAY_MS);
    const kind = random(3);
    parts.push(`UNTIL=${icalDate(until, kind === 0)}${kind === 2 ? 'Z' : ''}`);
  }
  // Now and then a part that takes the rule off the plain path.
  if (random(10) === 0) parts.push(['BYDAY=MO,WE', 'WKST=SU', 'BYMONTHDAY=-1', 'BYSETPOS=1;BYDAY=MO'][random(4)]!);
  return parts.join(';');
}

describe('plain recurrence rules computed rather than stepped through', () => {
  it('give the occurrences ical.js iterates to, in order, and end where it ends', () => {
    const differing: string[] = [];
    let plainCount = 0;
    for (let n = 0; n < 4000; n++) {
      const isDate = random(4) === 0;
      const start = randomWall(isDate);
      const text = randomRule(start);
      const property = new ICAL.Property(ICAL.parse.property(`RRULE:${text}`));
      const recur = property.getFirstValue() as ICAL.Recur;
      const rule = plainRule(property.toJSON()[3], recur, start);
      const expectPlain =
        !/BY|WKST/.test(text) &&
        !(text.includes('MONTHLY') && start.day > 28) &&
        !(text.includes('YEARLY') && start.month === 2 && start.day === 29);
      if (!rule) {
        if (expectPlain) differing.push(`${text} from ${icalDate(start, isDate)}: not read as plain`);
        continue;
      }
      if (!expectPlain) differing.push(`${text} from ${icalDate(start, isDate)}: read as plain`);
      plainCount++;
      const limit = 80;
      const theirs = icalSteps(recur, start, isDate, { limit });
      const ours: number[] = [];
      for (let k = 0; ours.length < limit; k++) {
        const naive = plainRuleNaiveMs(rule, k);
        if (plainRuleEnded(rule, k, naive)) break;
        ours.push(naive);
      }
      if (JSON.stringify(ours) !== JSON.stringify(theirs))
        differing.push(`${text} from ${icalDate(start, isDate)}: ${ours.slice(0, 4)} vs ${theirs.slice(0, 4)}`);
      // The first occurrence at or after an instant, by arithmetic as by walking the list.
      for (let probe = 0; probe < 5 && theirs.length > 1; probe++) {
        const span = theirs.at(-1)! - theirs[0]!;
        const at = theirs[0]! - DAY_MS + random(Math.max(1, Math.floor(span / 60_000) + 2 * 1440)) * 60_000;
        const walked = theirs.findIndex((ms) => ms >= at);
        if (walked >= 0 && plainRuleIndexFrom(rule, at) !== walked)
          differing.push(
            `${text} from ${icalDate(start, isDate)}: index from ${at} ${plainRuleIndexFrom(rule, at)} vs ${walked}`,
          );
      }
    }
    expect(plainCount).toBeGreaterThan(2500);
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it('leave to ical.js what steps unevenly: the 29th-31st monthly, 29 February yearly, BY parts, a zero COUNT', () => {
    const read = (text: string, start: WallTime) => {
      const property = new ICAL.Property(ICAL.parse.property(`RRULE:${text}`));
      return plainRule(property.toJSON()[3], property.getFirstValue() as ICAL.Recur, start);
    };
    const at = (year: number, month: number, day: number): WallTime => ({
      year,
      month,
      day,
      hour: 18,
      minute: 0,
      second: 0,
    });
    expect(read('FREQ=MONTHLY', at(2026, 1, 31))).toBeNull();
    expect(read('FREQ=MONTHLY', at(2026, 1, 28))).not.toBeNull();
    expect(read('FREQ=YEARLY', at(2028, 2, 29))).toBeNull();
    expect(read('FREQ=WEEKLY;BYDAY=TU', at(2026, 1, 6))).toBeNull();
    expect(read('FREQ=DAILY;COUNT=0', at(2026, 1, 6))).toBeNull();
    expect(read('FREQ=HOURLY', at(2026, 1, 6))).toBeNull();
  });

  it('expand a calendar as ical.js stepping through the same rules does, across DST and from decades back', () => {
    // WKST=MO is the default week start and changes none of these rules, but takes them off the plain path.
    const series = (uid: string, rule: string, wkst: boolean) => {
      const isDate = random(5) === 0;
      const start = randomWall(isDate);
      const zone = isDate ? '' : [';TZID=Europe/Berlin', ';TZID=America/New_York', '', 'Z'][random(4)]!;
      const dtstart =
        zone === 'Z'
          ? `DTSTART:${icalDate(start, false)}Z`
          : `DTSTART${isDate ? ';VALUE=DATE' : zone}:${icalDate(start, isDate)}`;
      return [
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'DTSTAMP:20261101T000000Z',
        dtstart,
        'SUMMARY:Series',
        `RRULE:${rule}${wkst ? ';WKST=MO' : ''}`,
        'END:VEVENT',
      ].join('\r\n');
    };
    const options = {
      window: { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2028, 0, 1) },
      nowMs: Date.UTC(2026, 10, 27),
      kind: null,
      topics: [],
    };
    const rules = Array.from({ length: 300 });
    const state = seed;
    const plain = calendar(
      'X-WR-TIMEZONE:Europe/Lisbon',
      ...rules.map((_, i) =>
        series(`s${i}@test`, randomRule(randomWall(false)).replace(/;(BY|WKST)[^;]*/g, ''), false),
      ),
    );
    seed = state;
    const stepped = calendar(
      'X-WR-TIMEZONE:Europe/Lisbon',
      ...rules.map((_, i) => series(`s${i}@test`, randomRule(randomWall(false)).replace(/;(BY|WKST)[^;]*/g, ''), true)),
    );
    const ours = parseIcs(plain, options);
    const theirs = parseIcs(stepped, options);
    const records = [...ours.records];
    expect(records.length).toBeGreaterThan(1000);
    expect(records).toEqual([...theirs.records]);
    expect(ours.warnings).toEqual(theirs.warnings);
  });
});
