import ICAL from 'ical.js';
import { excerpt } from '../excerpt.ts';
import { detached } from './values.ts';
import { vtimezoneProblems } from './vtimezone-check.ts';
import { WINDOWS_DISPLAY_NAMES, WINDOWS_ZONES } from './windows-zones.ts';

/** A wall-clock reading as written in the file, before any zone is applied. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** How a TZID turns wall-clock time into an instant. */
export type Zone =
  | { kind: 'utc' }
  | { kind: 'iana'; name: string }
  | { kind: 'vtimezone'; name: string; timezone: ICAL.Timezone }
  | { kind: 'floating' };

const ianaCache = new Map<string, Intl.DateTimeFormat | null>();

function ianaFormatter(name: string): Intl.DateTimeFormat | null {
  let formatter = ianaCache.get(name);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: name,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      formatter = null;
    }
    ianaCache.set(name, formatter);
  }
  return formatter;
}

export function isIanaZone(name: string): boolean {
  return name.length > 0 && ianaFormatter(name) !== null;
}

/** Turns names that are IANA names in disguise ("/softwarestudio.org/Olson_20011030_5/America/New_York", "Europe_London") into IANA names. */
function ianaCandidates(tzid: string): string[] {
  const clean = tzid.replace(/^"+|"+$/g, '').trim();
  const candidates = [clean];
  const segments = clean.split('/').filter(Boolean);
  if (segments.length >= 2) candidates.push(segments.slice(-2).join('/'), segments.slice(-3).join('/'));
  candidates.push(clean.replace(/^([A-Za-z]+)[_-]/, '$1/'));
  candidates.push(clean.replace(/^custom_/, ''));
  return candidates;
}

export interface ZoneTable {
  resolve(tzid: string | null): Zone;
}

/** The name Intl files a zone under: a legacy link ("US/Eastern") gives its zone ("America/New_York"). */
function canonicalIana(name: string): string {
  return ianaFormatter(name)?.resolvedOptions().timeZone ?? name;
}

// Zones proper are filed under these areas; the legacy links of tzdata's `backward` file ("US/Eastern",
// "GB", "EST") are not. ICU's own canonical names are older spellings (Asia/Calcutta), so an Area/City
// name Intl files differently is not legacy for that.
const ZONE_AREAS = /^(Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)\//;

const NO_VTIMEZONE = 'names no VTIMEZONE of the file';

/**
 * Resolution order: a real IANA name first (browsers' and Google's reading, and immune to the stale
 * rules old exporters wrote into VTIMEZONEs), then the calendar's own VTIMEZONE, then Windows names,
 * then names that only look like IANA ones. What stays unknown is floating. Every guess (a name the
 * file does not define, read by what it resembles) and every invalid VTIMEZONE it uses is reported.
 */
export function createZoneTable(vtimezones: ICAL.Component[], report: (message: string) => void): ZoneTable {
  const byId = new Map<string, ICAL.Component>();
  for (const component of vtimezones) {
    const id = component.getFirstPropertyValue('tzid');
    if (typeof id === 'string') byId.set(id, component);
  }
  const cache = new Map<string, Zone>();
  const resolveUncached = (tzid: string, label: string): Zone => {
    if (/^(utc|gmt|z|etc\/utc|etc\/gmt)$/i.test(tzid.trim())) return { kind: 'utc' };
    const component = byId.get(tzid);
    if (isIanaZone(tzid)) {
      const canonical = canonicalIana(tzid);
      if (!component && canonical !== tzid && !ZONE_AREAS.test(tzid))
        report(`TZID ${label} ${NO_VTIMEZONE}; read as ${canonical}, the zone its legacy name stands for`);
      return { kind: 'iana', name: tzid };
    }
    if (component) {
      const location = component.getFirstPropertyValue('x-lic-location');
      if (typeof location === 'string' && isIanaZone(location)) return { kind: 'iana', name: location };
    }
    const clean = tzid.replace(/^"+|"+$/g, '').trim();
    const windows = WINDOWS_ZONES[clean];
    if (windows) {
      if (!component) report(`TZID ${label} ${NO_VTIMEZONE}; read as ${windows}, its Windows zone`);
      return { kind: 'iana', name: windows };
    }
    for (const [pattern, zone] of WINDOWS_DISPLAY_NAMES)
      if (pattern.test(clean)) {
        report(`TZID ${label} read as ${zone}, guessed from a Windows display name`);
        return { kind: 'iana', name: zone };
      }
    for (const candidate of ianaCandidates(tzid))
      if (isIanaZone(candidate)) {
        if (!component) report(`TZID ${label} ${NO_VTIMEZONE}; read as ${candidate}, guessed from its name`);
        return { kind: 'iana', name: candidate };
      }
    if (component) {
      const zone: Zone = { kind: 'vtimezone', name: tzid, timezone: new ICAL.Timezone(component) };
      try {
        // ical.js reads a VTIMEZONE lazily and throws on a broken one at the first conversion.
        toInstantMs({ year: 2000, month: 1, day: 1, hour: 12, minute: 0, second: 0 }, zone);
        return zone;
      } catch {
        report(`VTIMEZONE ${label} cannot be read: its times are read as UTC`);
        return { kind: 'floating' };
      }
    }
    report(`unknown time zone ${label}: its times are read as UTC`);
    return { kind: 'floating' };
  };
  return {
    resolve(tzid) {
      if (tzid === null) return { kind: 'floating' };
      let zone = cache.get(tzid);
      if (!zone) {
        const label = excerpt(tzid, 60);
        if (/[^\x20-\x7E]/.test(tzid)) report(`TZID ${label} has non-ASCII characters`);
        // The name as its own string: a record's time zone cut from the file would keep all of it alive.
        zone = resolveUncached(detached(tzid), label);
        const component = byId.get(tzid);
        const read = zoneName(zone) ?? 'UTC';
        if (component)
          for (const problem of vtimezoneProblems(component))
            report(`VTIMEZONE ${label}: ${problem}; its times are read as ${read}`);
        cache.set(tzid, zone);
      }
      return zone;
    },
  };
}

/** A wall clock read as UTC: what ical.js compares, and where an offset is applied from. */
export function wallAsUtcMs(t: WallTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

function intlOffsetMs(name: string, atMs: number): number {
  const parts = ianaFormatter(name)!.formatToParts(new Date(atMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - atMs;
}

const DAY_MS = 86_400_000;

/** A UTC day on which the zone's offset changes: `before` until `atMs`, `after` from then on. */
interface Change {
  atMs: number;
  before: number;
  after: number;
}

interface ZoneDays {
  name: string;
  /** By UTC day number: the day's one offset, or its change. */
  days: Map<number, number | Change>;
  /** The day last asked for, when it has one offset: a conversion asks three or four times on one day. */
  lastDay: number;
  lastOffset: number;
}

/**
 * Offsets change twice a year at most, so a UTC day whose start and the next day's start agree has one
 * offset throughout and costs two Intl calls; on a day that differs, the second of the change is found
 * by bisection (half-hour zones change at half past a UTC hour). Intl was most of the time spent on
 * zones when every hour was asked for.
 */
const zoneDays = new Map<string, ZoneDays>();
let lastZone: ZoneDays | null = null;

function readDay(name: string, day: number): number | Change {
  const startMs = day * DAY_MS;
  const before = intlOffsetMs(name, startMs);
  const after = intlOffsetMs(name, startMs + DAY_MS);
  if (before === after) return before;
  // Whole seconds: offsets and the instants of changes are whole seconds.
  let low = startMs / 1000;
  let high = low + DAY_MS / 1000;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (intlOffsetMs(name, middle * 1000) === before) low = middle;
    else high = middle;
  }
  return { atMs: high * 1000, before, after };
}

function ianaOffsetMs(name: string, instantMs: number): number {
  let zone = lastZone;
  if (zone === null || zone.name !== name) {
    zone = zoneDays.get(name) ?? { name, days: new Map(), lastDay: Number.NaN, lastOffset: 0 };
    zoneDays.set(name, zone);
    lastZone = zone;
  }
  const day = Math.floor(instantMs / DAY_MS);
  if (day === zone.lastDay) return zone.lastOffset;
  let entry = zone.days.get(day);
  if (entry === undefined) {
    entry = readDay(name, day);
    if (zone.days.size > 100_000) zone.days.clear();
    zone.days.set(day, entry);
  }
  if (typeof entry === 'number') {
    zone.lastDay = day;
    zone.lastOffset = entry;
    return entry;
  }
  return instantMs < entry.atMs ? entry.before : entry.after;
}

/**
 * Wall-clock time in a zone to an instant. A time skipped by a DST gap moves forward by the gap and an
 * ambiguous one takes its first (earlier) instant, as RFC 5545 section 3.3.5 asks.
 */
export function toInstantMs(t: WallTime, zone: Zone, floatingAs: Zone = { kind: 'utc' }): number {
  const effective = zone.kind === 'floating' ? floatingAs : zone;
  const naive = wallAsUtcMs(t);
  switch (effective.kind) {
    case 'utc':
    case 'floating':
      return naive;
    case 'iana': {
      const firstGuess = naive - ianaOffsetMs(effective.name, naive);
      const offsetThen = ianaOffsetMs(effective.name, firstGuess);
      const candidate = naive - offsetThen;
      const earlierOffset = ianaOffsetMs(effective.name, candidate - 3_600_000);
      if (earlierOffset !== offsetThen && naive - earlierOffset < candidate) {
        const earlier = naive - earlierOffset;
        if (ianaOffsetMs(effective.name, earlier) === earlierOffset) return earlier;
      }
      return candidate;
    }
    case 'vtimezone': {
      const time = new ICAL.Time({ ...t, isDate: false }, effective.timezone);
      return time.toUnixTime() * 1000;
    }
  }
}

/** An instant read as wall-clock time in a zone (for series written in UTC but meant in a local zone). */
export function toWallTime(instantMs: number, zone: Zone): WallTime {
  const offset = zone.kind === 'iana' ? ianaOffsetMs(zone.name, instantMs) : 0;
  return wallOfNaive(instantMs + offset);
}

/** A wall clock read as UTC back into its fields. */
export function wallOfNaive(naiveMs: number): WallTime {
  const d = new Date(naiveMs);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

export function zoneName(zone: Zone): string | null {
  if (zone.kind === 'iana' || zone.kind === 'vtimezone') return zone.name;
  return zone.kind === 'utc' ? 'UTC' : null;
}
