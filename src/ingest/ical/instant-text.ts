const DAY_MS = 86_400_000;
/** Four-digit years: outside them toISOString writes six digits and a sign, and is asked instead. */
const FIRST_MS = Date.UTC(1000, 0, 1);
const END_MS = Date.UTC(10_000, 0, 1);
const ZERO = 0x30;
const DASH = 0x2d;
const COLON = 0x3a;

/** Year, month and day of a UTC day number (days since 1970-01-01), by Hinnant's civil-from-days. */
function civilDay(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    day: dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1,
  };
}

/**
 * An occurrence's start, end or RECURRENCE-ID as stored: `2026-12-01T17:00:00Z` (whole seconds), or the
 * date of an all-day one; the same text as `toISOString` gives, without its milliseconds. Written from
 * digits, as one flat string: a calendar has tens of thousands of occurrences, and `toISOString` with
 * the cut after it was the largest share of making their records.
 */
export function instantText(ms: number, allDay: boolean): string {
  if (ms % 1000 !== 0 || !(ms >= FIRST_MS && ms < END_MS)) {
    const iso = new Date(ms).toISOString();
    return allDay ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  const days = Math.floor(ms / DAY_MS);
  const { year, month, day } = civilDay(days);
  const y1 = ZERO + Math.floor(year / 1000);
  const y2 = ZERO + (Math.floor(year / 100) % 10);
  const y3 = ZERO + (Math.floor(year / 10) % 10);
  const y4 = ZERO + (year % 10);
  const m1 = ZERO + Math.floor(month / 10);
  const m2 = ZERO + (month % 10);
  const d1 = ZERO + Math.floor(day / 10);
  const d2 = ZERO + (day % 10);
  if (allDay) return String.fromCharCode(y1, y2, y3, y4, DASH, m1, m2, DASH, d1, d2);
  const seconds = (ms - days * DAY_MS) / 1000;
  const hour = Math.floor(seconds / 3600);
  const minute = Math.floor(seconds / 60) % 60;
  const second = seconds % 60;
  // biome-ignore format: one character per argument, in the order written
  return String.fromCharCode(
    y1, y2, y3, y4, DASH, m1, m2, DASH, d1, d2, 0x54,
    ZERO + Math.floor(hour / 10), ZERO + (hour % 10), COLON,
    ZERO + Math.floor(minute / 10), ZERO + (minute % 10), COLON,
    ZERO + Math.floor(second / 10), ZERO + (second % 10), 0x5a,
  );
}
