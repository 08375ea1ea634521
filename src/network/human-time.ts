const DAY_MS = 86_400_000;

/** "3 days", "5 weeks", "8 months", "2 years": how a person says how long ago. */
export function durationInWords(days: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days < 14) return plural(Math.max(0, Math.round(days)), 'day');
  if (days < 61) return plural(Math.round(days / 7), 'week');
  if (days < 730) return plural(Math.round(days / 30.44), 'month');
  return plural(Math.round(days / 365.25), 'year');
}

export function daysBetween(fromMs: number, toMs: number): number {
  return Math.floor((toMs - fromMs) / DAY_MS);
}
