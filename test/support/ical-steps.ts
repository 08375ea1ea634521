import ICAL from 'ical.js';
import type { WallTime } from '../../src/ingest/ical/zones.ts';

/**
 * What ical.js's own iterator yields for a rule stepped from `start`, each as its wall clock read as UTC:
 * the reference the recurrence shortcuts are held to. Only steps at or after `fromNaiveMs` are kept, up
 * to `limit` of them, and at most `maxSteps` are taken (some rules never end).
 */
export function icalSteps(
  recur: ICAL.Recur,
  start: WallTime,
  isDate: boolean,
  {
    limit,
    fromNaiveMs = Number.NEGATIVE_INFINITY,
    maxSteps = 400_000,
  }: { limit: number; fromNaiveMs?: number; maxSteps?: number },
): number[] {
  const iterator = recur.iterator(ICAL.Time.fromData({ ...start, isDate }));
  const out: number[] = [];
  for (let i = 0, next = iterator.next(); next && out.length < limit && i < maxSteps; i++, next = iterator.next()) {
    const naive = Date.UTC(next.year, next.month - 1, next.day, next.hour, next.minute, next.second);
    if (naive >= fromNaiveMs) out.push(naive);
  }
  return out;
}
