import ICAL from 'ical.js';
import { type WallTime, wallAsUtcMs } from './zones.ts';

const DAY_MS = 86_400_000;

/** The rule parts a plain rule may have: everything else (BYxxx, WKST, X- parts) goes to ical.js. */
const PLAIN_PARTS = new Set(['freq', 'interval', 'count', 'until']);

/**
 * An RRULE whose occurrences step evenly through the wall clock: FREQ DAILY, WEEKLY, MONTHLY or YEARLY
 * with INTERVAL, COUNT and UNTIL only, the k-th occurrence DTSTART moved on by k intervals (a monthly
 * rule from a day up to the 28th and a yearly one from any day but 29 February never skip). ical.js
 * finds each occurrence by stepping its iterator through every one before it (every month since a
 * series began, years of them for an old series) and cost most of expanding a calendar; a plain rule's
 * occurrence is computed, and the first one of a window found by arithmetic.
 */
export interface PlainRule {
  /** DTSTART's wall clock read as UTC: what ical.js compares. */
  startNaiveMs: number;
  start: WallTime;
  unit: 'day' | 'month';
  /** Days or months per interval. */
  step: number;
  /** No occurrence from this index on (COUNT), or Infinity. */
  count: number;
  /** No occurrence whose wall clock read as UTC is after this (UNTIL), or Infinity. */
  untilNaiveMs: number;
}

/** The rule as a PlainRule, or null where ical.js must step through it. */
export function plainRule(parts: unknown, recur: ICAL.Recur, start: WallTime): PlainRule | null {
  if (!parts || typeof parts !== 'object') return null;
  for (const key of Object.keys(parts)) if (!PLAIN_PARTS.has(key)) return null;
  const { interval, count, until } = recur;
  if (!Number.isInteger(interval) || interval < 1) return null;
  if (count !== null && count !== undefined && (!Number.isInteger(count) || count < 1)) return null;
  // ical.js compares times of these two zones by their wall clocks read as UTC.
  if (until && until.zone !== ICAL.Timezone.utcTimezone && until.zone !== ICAL.Timezone.localTimezone) return null;
  if (start.year < 1900 || start.year > 2200) return null;
  let unit: PlainRule['unit'];
  let step: number;
  switch (recur.freq) {
    case 'DAILY':
      unit = 'day';
      step = interval;
      break;
    case 'WEEKLY':
      unit = 'day';
      step = 7 * interval;
      break;
    case 'MONTHLY':
      if (start.day > 28) return null;
      unit = 'month';
      step = interval;
      break;
    case 'YEARLY':
      if (start.month === 2 && start.day === 29) return null;
      unit = 'month';
      step = 12 * interval;
      break;
    default:
      return null;
  }
  return {
    startNaiveMs: wallAsUtcMs(start),
    start,
    unit,
    step,
    count: count ? count : Number.POSITIVE_INFINITY,
    untilNaiveMs: until ? wallAsUtcMs(until) : Number.POSITIVE_INFINITY,
  };
}

/** The k-th occurrence's wall clock read as UTC (0 is DTSTART). */
export function plainRuleNaiveMs(rule: PlainRule, k: number): number {
  if (rule.unit === 'day') return rule.startNaiveMs + k * rule.step * DAY_MS;
  const { start } = rule;
  return Date.UTC(start.year, start.month - 1 + k * rule.step, start.day, start.hour, start.minute, start.second);
}

/** The index of the first occurrence whose wall clock read as UTC is at or after `naiveMs`. */
export function plainRuleIndexFrom(rule: PlainRule, naiveMs: number): number {
  const behind = naiveMs - rule.startNaiveMs;
  if (behind <= 0) return 0;
  // Never past it: an interval is at most this long; then forward to the first one.
  const longest = (rule.unit === 'day' ? rule.step : rule.step * 31) * DAY_MS;
  let k = Math.floor(behind / longest);
  while (plainRuleNaiveMs(rule, k) < naiveMs) k++;
  return k;
}

/** Whether the rule has ended at index k (COUNT reached, or past UNTIL). */
export function plainRuleEnded(rule: PlainRule, k: number, naiveMs: number): boolean {
  return k >= rule.count || naiveMs > rule.untilNaiveMs;
}
