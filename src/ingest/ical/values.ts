import type { WallTime } from './zones.ts';

/** A DATE or DATE-TIME value as written, with the zone it names. */
export interface TimeValue {
  wall: WallTime;
  isDate: boolean;
  /** A trailing Z: UTC whatever TZID says (RFC 5545 3.3.5 forbids the pair; the Z is the unambiguous half). */
  utc: boolean;
  tzid: string | null;
}

export type JCalProperty = [string, Record<string, unknown>, string, ...unknown[]];

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z)?)?$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Of a month 1-12, by the Gregorian rule as Date.UTC counts (a Date per value was most of reading one). */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/**
 * ical.js quietly turns month 13 into next February and year 99999 into 10006; the raw jCal string is
 * still intact, so dates are checked here and a bad one is refused instead of stored somewhere odd.
 */
export function readTimeValue(raw: unknown, tzid: string | null, declaredType: string): TimeValue | null {
  if (typeof raw !== 'string') return null;
  const compact = raw.trim();
  // ical.js leaves 8-digit DATE values without VALUE=DATE as-is; accept both spellings.
  const normalised = /^\d{8}(T\d{6}Z?)?$/.test(compact)
    ? `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}${
        compact.length > 8
          ? `T${compact.slice(9, 11)}:${compact.slice(11, 13)}:${compact.slice(13, 15)}${compact.endsWith('Z') ? 'Z' : ''}`
          : ''
      }`
    : compact;
  const match = DATE_TIME.exec(normalised);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, z] = match;
  const wall: WallTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
  };
  if (wall.year < 1900 || wall.year > 2200) return null;
  if (wall.month < 1 || wall.month > 12) return null;
  if (wall.day < 1 || wall.day > daysInMonth(wall.year, wall.month)) return null;
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 60) return null;
  if (wall.second === 60) wall.second = 59;
  const isDate = h === undefined || declaredType === 'date';
  return { wall, isDate, utc: z === 'Z', tzid: z === 'Z' ? null : tzid };
}

export function tzidOf(property: JCalProperty): string | null {
  const value = property[1].tzid;
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Every value of every property with this name; EXDATE and RDATE may list several per line and repeat. */
export function allValues(properties: JCalProperty[], name: string): { value: unknown; property: JCalProperty }[] {
  const out: { value: unknown; property: JCalProperty }[] = [];
  for (const property of properties) {
    if (property[0] !== name) continue;
    for (let i = 3; i < property.length; i++) out.push({ value: property[i], property });
  }
  return out;
}

export function firstProperty(properties: JCalProperty[], name: string): JCalProperty | undefined {
  return properties.find((p) => p[0] === name);
}

export function firstText(properties: JCalProperty[], name: string): string | null {
  const property = firstProperty(properties, name);
  if (!property) return null;
  // Nearly every text property carries one string value: no arrays to build for it.
  if (property.length === 4 && typeof property[3] === 'string') return property[3].trim() === '' ? null : property[3];
  const values = property.slice(3).filter((v) => v !== null && v !== undefined);
  if (values.length === 0) return null;
  const text = values.map((v) => (Array.isArray(v) ? v.join(';') : String(v))).join(',');
  return text.trim() === '' ? null : text;
}

export function wallKey(t: WallTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

export function isoDate(t: WallTime): string {
  return `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
}

/**
 * The same text, not a view into the calendar it was cut from: V8 keeps a substring as a slice of its
 * parent string, so one title kept until the store's batch ran kept the whole decoded file (20 MB for a
 * 10 MB calendar with real texts) alive. Copied once per series, not per occurrence.
 */
export function detached<T extends string | null>(text: T): T {
  // Joining to another string and cutting it off again forces a flat copy of its own.
  return (text === null ? null : ` ${text}`.slice(1)) as T;
}
