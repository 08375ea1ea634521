import type { Cadence } from '../../core/venue.ts';

const DAY_MS = 86_400_000;

/** Rhythms by the median gap between dates (up to `days`), and how many gatherings a month each means. */
const RHYTHMS: { days: number; every: Cadence['every']; text: string; perMonth: number }[] = [
  { days: 5, every: 'irregular', text: 'several dates close together', perMonth: 0 },
  { days: 11, every: 'week', text: 'weekly', perMonth: 4.3 },
  { days: 18, every: 'week', text: 'every two weeks', perMonth: 2.15 },
  { days: 24, every: 'week', text: 'every three weeks', perMonth: 1.45 },
  { days: 45, every: 'month', text: 'monthly', perMonth: 1 },
  { days: 75, every: 'month', text: 'every two months', perMonth: 0.5 },
  { days: 135, every: 'month', text: 'quarterly', perMonth: 0.33 },
  { days: 300, every: 'irregular', text: 'now and then', perMonth: 0 },
  { days: 430, every: 'year', text: 'yearly', perMonth: 1 / 12 },
];
const SINGLE: Cadence = { every: 'irregular', text: 'one date so far' };

/**
 * The rhythm of a gathering from its dates (soonest first): the median gap, so one skipped or extra
 * date does not change it. A single date has no rhythm yet.
 */
export function cadenceOf(startsMs: readonly number[]): Cadence {
  if (startsMs.length < 2) return SINGLE;
  const gaps = startsMs
    .slice(1)
    .map((ms, k) => (ms - startsMs[k]!) / DAY_MS)
    .sort((a, b) => a - b);
  const days = gaps[Math.floor(gaps.length / 2)]!;
  const rhythm = RHYTHMS.find((r) => days < r.days);
  return rhythm ? { every: rhythm.every, text: rhythm.text } : { every: 'irregular', text: 'now and then' };
}

/** Gatherings a month at this rhythm (to compare with the profile's cadence). */
export function perMonth(cadence: Cadence): number {
  return RHYTHMS.find((r) => r.text === cadence.text)?.perMonth ?? 0;
}
