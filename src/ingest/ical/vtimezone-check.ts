import type ICAL from 'ical.js';
import { excerpt } from '../excerpt.ts';

type JCal = [string, [string, Record<string, unknown>, string, ...unknown[]][], JCal[]];

// jCal writes a UTC-OFFSET as "+01:00" or "+01:00:30" (RFC 7265 3.6.14).
const OFFSET = /^([+-])(\d{2}):(\d{2})(?::(\d{2}))?$/;

interface Observance {
  start: string;
  from: string;
  to: string;
}

function offsetProblem(name: string, raw: unknown): string | null {
  if (typeof raw !== 'string') return `${name.toUpperCase()} missing`;
  const match = OFFSET.exec(raw);
  // RFC 5545 3.3.14: "-0000" is not allowed; offsets beyond a day are not offsets.
  if (!match || Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4] ?? 0) > 59)
    return `invalid ${name.toUpperCase()} ${excerpt(raw, 12)}`;
  if (match[1] === '-' && /^-00:00(:00)?$/.test(raw)) return `invalid ${name.toUpperCase()} -0000 (RFC 5545 3.3.14)`;
  return null;
}

/**
 * What is wrong with a VTIMEZONE as RFC 5545 3.6.5 defines it: observances with offsets that are no
 * offsets, a DTSTART that is not a local date-time, or an observance that starts from an offset no
 * other observance goes to (the rules contradict each other, so the zone's times cannot be trusted).
 */
export function vtimezoneProblems(component: ICAL.Component): string[] {
  const problems: string[] = [];
  const observances: Observance[] = [];
  for (const [name, properties] of (component.jCal as unknown as JCal)[2] ?? []) {
    if (name !== 'standard' && name !== 'daylight') continue;
    const value = (key: string) => properties.find((p) => p[0] === key);
    const dtstart = value('dtstart');
    if (dtstart?.[2] !== 'date-time' || String(dtstart[3]).endsWith('Z'))
      problems.push(`${name.toUpperCase()} DTSTART is not a local date-time`);
    const from = value('tzoffsetfrom')?.[3];
    const to = value('tzoffsetto')?.[3];
    const bad = [offsetProblem('tzoffsetfrom', from), offsetProblem('tzoffsetto', to)].filter((p) => p !== null);
    problems.push(...bad);
    if (bad.length === 0) observances.push({ start: String(dtstart?.[3] ?? ''), from: String(from), to: String(to) });
  }
  if (observances.length === 0 && problems.length === 0) problems.push('no STANDARD or DAYLIGHT observance');
  // The earliest observance starts from whatever came before the zone's history (local mean time).
  const [, ...later] = [...observances].sort((a, b) => a.start.localeCompare(b.start));
  const reached = new Set(observances.map((o) => o.to));
  const orphan = later.find((o) => !reached.has(o.from));
  if (orphan)
    problems.push(`an observance starts from ${orphan.from}, an offset no observance goes to: its rules contradict`);
  return [...new Set(problems)];
}
