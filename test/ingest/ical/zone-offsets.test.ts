import { describe, expect, it } from 'vitest';
import { toInstantMs, toWallTime, type WallTime } from '../../../src/ingest/ical/zones.ts';

/** The wall clock Intl itself shows at an instant: what the cached offsets must reproduce. */
const formats = new Map<string, Intl.DateTimeFormat>();

function intlWallTime(instantMs: number, zone: string): WallTime {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(new Date(instantMs));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

// Whole-hour DST (both hemispheres, at different UTC hours), half-hour offsets with and without DST
// (Adelaide changes at 16:30 UTC, Lord Howe by half an hour), a 45-minute offset, negative DST
// (Dublin), a zone that changed its rules (Sao Paulo dropped DST in 2019) and one without DST.
const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Adelaide',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/St_Johns',
  'Europe/Dublin',
  'America/Sao_Paulo',
  'Africa/Casablanca',
];

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Instants of offset changes between two dates, to the minute, found with Intl alone. */
function changes(zone: string, fromMs: number, toMs: number): number[] {
  const offset = (ms: number) => {
    const w = intlWallTime(ms, zone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - ms;
  };
  const found: number[] = [];
  for (let day = fromMs; day < toMs; day += DAY_MS) {
    if (offset(day) === offset(day + DAY_MS)) continue;
    for (let ms = day; ms <= day + DAY_MS; ms += MINUTE_MS) if (offset(ms) !== offset(ms - MINUTE_MS)) found.push(ms);
  }
  return found;
}

describe('time-zone offsets read from cached days', () => {
  it('give the wall clock Intl gives, around every change and across two centuries', () => {
    const differing: string[] = [];
    let asked = 0;
    for (const zone of ZONES) {
      const instants: number[] = [];
      // Every minute for two hours either side of each change of 2018-2027.
      for (const at of changes(zone, Date.UTC(2018, 0, 1), Date.UTC(2028, 0, 1)))
        for (let ms = at - 2 * 60 * MINUTE_MS; ms <= at + 2 * 60 * MINUTE_MS; ms += MINUTE_MS)
          instants.push(ms, ms - 1000);
      // And spread over 1900-2200, at odd seconds, asked out of order.
      for (let i = 0; i < 1500; i++) instants.push(Date.UTC(1900, 0, 1) + ((i * 7_919) % 1500) * 6_311_813_000);
      for (const ms of instants) {
        const ours = toWallTime(ms, { kind: 'iana', name: zone });
        const intl = intlWallTime(ms, zone);
        if (JSON.stringify(ours) !== JSON.stringify(intl))
          differing.push(`${zone} ${new Date(ms).toISOString()}: ${JSON.stringify(ours)} vs ${JSON.stringify(intl)}`);
      }
      asked += instants.length;
    }
    expect(asked).toBeGreaterThan(50_000);
    expect(differing.slice(0, 5)).toEqual([]);
  });

  it('turn wall clocks back into the instants Intl shows them at, gaps moved forward and folds taken early', () => {
    const differing: string[] = [];
    for (const zone of ZONES) {
      for (const at of changes(zone, Date.UTC(2024, 0, 1), Date.UTC(2026, 0, 1))) {
        for (let ms = at - 3 * 60 * MINUTE_MS; ms <= at + 3 * 60 * MINUTE_MS; ms += 5 * MINUTE_MS) {
          const wall = intlWallTime(ms, zone);
          const back = toInstantMs(wall, { kind: 'iana', name: zone });
          // A wall clock shown twice (a fold) reads as its first instant; every other one as itself.
          const first = [ms - 60 * MINUTE_MS, ms - 30 * MINUTE_MS, ms].find(
            (candidate) => JSON.stringify(intlWallTime(candidate, zone)) === JSON.stringify(wall),
          );
          if (back !== first) differing.push(`${zone} ${JSON.stringify(wall)}: ${back} vs ${first}`);
        }
      }
    }
    expect(differing.slice(0, 5)).toEqual([]);
  });
});
