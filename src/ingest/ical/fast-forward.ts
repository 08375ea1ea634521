import type ICAL from 'ical.js';
import { type WallTime, wallAsUtcMs, wallOfNaive } from './zones.ts';

const SECOND_MS = 1000;
/** A period's length in wall-clock milliseconds, for the rules whose periods are all alike. */
const PERIOD_MS: Partial<Record<string, number>> = {
  SECONDLY: SECOND_MS,
  MINUTELY: 60 * SECOND_MS,
  HOURLY: 3_600 * SECOND_MS,
  DAILY: 86_400 * SECOND_MS,
  WEEKLY: 7 * 86_400 * SECOND_MS,
};
/**
 * Periods left between the new start and the first instant wanted: what the iterator does inside the
 * period it starts in (days before DTSTART in its week, hours before it in its day) may differ from
 * stepping there from the real start, so that period and the next stay before anything that is read.
 */
const SETTLING_PERIODS = 2;

/**
 * Where ical.js may start stepping a rule with no COUNT, instead of at DTSTART: the same wall-clock time a
 * whole number of intervals later, shortly before `fromNaiveMs`. ical.js steps from DTSTART through every
 * period since (a weekday stand-up begun in 2009 is 4,000 steps before this year's first): slow, and
 * under a loaded machine long enough to hit the per-series time budget, which then stored a different
 * number of occurrences from one run to the next. Periods of seconds, minutes, hours, days and weeks are
 * all alike, so the grid of periods, and so every occurrence after the new start's first periods, stays
 * the same; months and years differ in length (and a rule that counts needs every occurrence from DTSTART).
 * Null when the rule must be stepped from DTSTART.
 */
export function fastForwardStart(recur: ICAL.Recur, start: WallTime, fromNaiveMs: number): WallTime | null {
  if (recur.count !== null && recur.count !== undefined) return null;
  const period = PERIOD_MS[recur.freq];
  const { interval } = recur;
  if (period === undefined || !Number.isInteger(interval) || interval < 1) return null;
  if (start.year < 1900 || start.year > 2200) return null;
  const startNaiveMs = wallAsUtcMs(start);
  const step = period * interval;
  const intervals = Math.floor((fromNaiveMs - SETTLING_PERIODS * step - startNaiveMs) / step);
  return intervals > 0 ? wallOfNaive(startNaiveMs + intervals * step) : null;
}
