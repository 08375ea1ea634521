import { EVENT_KINDS, EVENT_STATUSES, type EventRecord, TEXT_LIMITS } from '../core/event.ts';

/**
 * Answers "does this record plainly pass the schema" without zod, which costs tens of milliseconds per
 * 10,000 records (an object walk and a date regex per field). It may only say yes where the schema says
 * yes; anything unusual answers no and goes to zod, so zod alone still words every error.
 */

const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** The instants Convene writes (seconds always there); zod also takes no seconds, which falls back to zod. */
const INSTANT = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const KINDS: ReadonlySet<unknown> = new Set(EVENT_KINDS);
const STATUSES: ReadonlySet<unknown> = new Set(EVENT_STATUSES);

function dayExists(year: string, month: string, day: string): boolean {
  const d = Number(day);
  if (d <= 28) return true;
  const m = Number(month);
  if (m !== 2) return d <= (DAYS_IN_MONTH[m - 1] ?? 0);
  const y = Number(year);
  return d === 29 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function isDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  return m !== null && dayExists(m[1] as string, m[2] as string, m[3] as string);
}

/** Days 01-28 exist in every month: most instants pass on this test alone, with no match to build. */
const INSTANT_BEFORE_29TH =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?Z$/;

function isInstant(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (INSTANT_BEFORE_29TH.test(value)) return true;
  const m = INSTANT.exec(value);
  return m !== null && dayExists(m[1] as string, m[2] as string, m[3] as string);
}

function isDay(value: unknown): boolean {
  return typeof value === 'string' && (value.length === 10 ? isDate(value) : isInstant(value));
}

function isText(value: unknown, max: number): boolean {
  return value === null || (typeof value === 'string' && value.length <= max);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function inRange(value: unknown, limit: number): boolean {
  return value === null || (typeof value === 'number' && value >= -limit && value <= limit);
}

/** EventTimingCheckedSchema, for the plain cases. */
export function plainlyValidTiming(record: EventRecord): boolean {
  const r: Record<string, unknown> = record;
  const { uid, start, end, published } = r;
  return (
    typeof uid === 'string' &&
    uid.length >= 1 &&
    uid.length <= TEXT_LIMITS.url &&
    isText(r.recurrenceId, 64) &&
    (start === null || isDay(start)) &&
    (end === null || isDay(end)) &&
    typeof r.allDay === 'boolean' &&
    isText(r.timeZone, TEXT_LIMITS.short) &&
    STATUSES.has(r.status) &&
    (published === undefined || published === null || isInstant(published)) &&
    (start === null || end === null || (end as string) >= (start as string))
  );
}

/** EventTextSchema, for the plain cases. */
export function plainlyValidText(record: EventRecord): boolean {
  const r: Record<string, unknown> = record;
  const { title, location, topics, cfp, online } = r;
  if (!(typeof title === 'string' && title.length >= 1 && title.length <= TEXT_LIMITS.title)) return false;
  if (!(isText(r.description, TEXT_LIMITS.description) && isText(r.url, TEXT_LIMITS.url))) return false;
  if (!(isText(r.organizer, TEXT_LIMITS.short) && KINDS.has(r.kind))) return false;
  if (!(online === true || online === false || online === 'hybrid')) return false;
  if (!isObject(location)) return false;
  const { geocoded } = location;
  if (
    !(
      isText(location.text, TEXT_LIMITS.location) &&
      isText(location.city, TEXT_LIMITS.short) &&
      isText(location.country, TEXT_LIMITS.short) &&
      inRange(location.lat, 90) &&
      inRange(location.lon, 180) &&
      (geocoded === undefined || geocoded === 'coordinates' || geocoded === 'place')
    )
  )
    return false;
  if (!Array.isArray(topics) || topics.length > 50) return false;
  for (let i = 0; i < topics.length; i++) {
    const topic: unknown = topics[i];
    if (!(typeof topic === 'string' && topic.length <= TEXT_LIMITS.short)) return false;
  }
  if (cfp === null) return true;
  return isObject(cfp) && isText(cfp.url, TEXT_LIMITS.url) && (cfp.closes === null || isDay(cfp.closes));
}
