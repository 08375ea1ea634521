import ICAL from 'ical.js';
import type { TimeWindow } from '../../core/window.ts';
import { eventLabel, excerpt } from '../excerpt.ts';
import { fastForwardStart } from './fast-forward.ts';
import { instantText } from './instant-text.ts';
import { plainRule, plainRuleEnded, plainRuleIndexFrom, plainRuleNaiveMs } from './plain-rule.ts';
import {
  allValues,
  firstProperty,
  firstText,
  type JCalProperty,
  readTimeValue,
  type TimeValue,
  tzidOf,
} from './values.ts';
import { toInstantMs, toWallTime, type WallTime, wallOfNaive, type Zone, type ZoneTable } from './zones.ts';

const DAY_MS = 86_400_000;
/** Longer than any real event; beyond it a duration is a typo or an attack on date arithmetic. */
const MAX_DURATION_MS = 400 * DAY_MS;
/** FREQ=SECONDLY with no end yields forever; these bound any one series. */
export const SERIES_LIMITS = { maxIterations: 200_000, maxOccurrences: 2_000, budgetMs: 250 } as const;

export interface Occurrence {
  properties: JCalProperty[];
  allDay: boolean;
  startMs: number;
  endMs: number;
  zone: Zone;
  recurrenceId: string | null;
  cancelled: boolean;
}

export interface ExpandContext {
  zones: ZoneTable;
  window: TimeWindow;
  /** X-WR-TIMEZONE: how Google and Apple read floating times and expand UTC series. */
  calendarZone: Zone | null;
  warn(message: string): void;
  /** Told the start of a single (non-recurring) event left out for lying outside the window. */
  onOutsideWindow?: (startMs: number) => void;
  /** A series whose times name no zone at all (RFC 5545 floating time), read as UTC. */
  onFloating?(uid: string): void;
}

interface Anchor {
  value: TimeValue;
  zone: Zone;
  startMs: number;
  durationMs: number;
}

function instantOf(value: TimeValue, zone: Zone, ctx: ExpandContext): number {
  if (value.isDate) return Date.UTC(value.wall.year, value.wall.month - 1, value.wall.day);
  if (value.utc) return toInstantMs(value.wall, { kind: 'utc' });
  return toInstantMs(value.wall, zone, ctx.calendarZone ?? { kind: 'utc' });
}

function zoneOf(value: TimeValue, ctx: ExpandContext): Zone {
  if (value.isDate) return { kind: 'floating' };
  if (value.utc) return { kind: 'utc' };
  const zone = ctx.zones.resolve(value.tzid);
  return zone.kind === 'floating' && ctx.calendarZone ? ctx.calendarZone : zone;
}

function readAnchor(properties: JCalProperty[], uid: string, ctx: ExpandContext): Anchor | null {
  const dtstart = firstProperty(properties, 'dtstart');
  const value = dtstart ? readTimeValue(dtstart[3], tzidOf(dtstart), dtstart[2]) : null;
  if (!dtstart || !value) {
    ctx.warn(`${eventLabel(uid)}: ${dtstart ? 'invalid' : 'no'} DTSTART, skipped`);
    return null;
  }
  if (!value.isDate && !value.utc && value.tzid === null && !ctx.calendarZone) ctx.onFloating?.(uid);
  const zone = zoneOf(value, ctx);
  const startMs = instantOf(value, zone, ctx);
  let durationMs = value.isDate ? DAY_MS : 0;
  const dtend = firstProperty(properties, 'dtend') ?? firstProperty(properties, 'due');
  const duration = firstText(properties, 'duration');
  if (dtend) {
    const end = readTimeValue(dtend[3], tzidOf(dtend), dtend[2]);
    if (end)
      durationMs =
        instantOf(end, end.utc || end.isDate ? zoneOf(end, ctx) : ctx.zones.resolve(end.tzid ?? value.tzid), ctx) -
        startMs;
    else ctx.warn(`${eventLabel(uid)}: invalid DTEND ignored`);
  } else if (duration) {
    try {
      durationMs = ICAL.Duration.fromString(duration).toSeconds() * 1000;
    } catch {
      ctx.warn(`${eventLabel(uid)}: invalid DURATION ignored`);
    }
  }
  if (!Number.isFinite(durationMs) || durationMs > MAX_DURATION_MS) {
    ctx.warn(`${eventLabel(uid)}: implausible duration ignored`);
    durationMs = value.isDate ? DAY_MS : 0;
  }
  if (durationMs < 0) {
    ctx.warn(`${eventLabel(uid)}: ends before it starts; end set to start`);
    durationMs = value.isDate ? DAY_MS : 0;
  }
  return { value, zone, startMs, durationMs };
}

function seriesWallStart(anchor: Anchor, ctx: ExpandContext): WallTime {
  // A series written in UTC in a calendar that names its zone repeats at local wall-clock time there.
  if (anchor.value.utc && ctx.calendarZone?.kind === 'iana') return toWallTime(anchor.startMs, ctx.calendarZone);
  return anchor.value.wall;
}

function seriesZone(anchor: Anchor, ctx: ExpandContext): Zone {
  if (anchor.value.utc && ctx.calendarZone?.kind === 'iana') return ctx.calendarZone;
  return anchor.zone;
}

function icalTime(wall: WallTime, isDate: boolean): ICAL.Time {
  return ICAL.Time.fromData({ ...wall, isDate });
}

/** UNTIL in UTC against a local DTSTART: ical.js compares the numbers as written, so move UNTIL into the series' wall clock. */
function localiseUntil(recur: ICAL.Recur, zone: Zone, isDate: boolean): void {
  const until = recur.until;
  if (!until || until.isDate || until.zone !== ICAL.Timezone.utcTimezone) return;
  if (zone.kind !== 'iana' && zone.kind !== 'vtimezone') return;
  const untilMs = until.toUnixTime() * 1000;
  const wall =
    zone.kind === 'iana'
      ? toWallTime(untilMs, zone)
      : (() => {
          const t = until.convertToZone(zone.timezone);
          return { year: t.year, month: t.month, day: t.day, hour: t.hour, minute: t.minute, second: t.second };
        })();
  recur.until = icalTime(wall, isDate);
}

// RFC 5545 3.3.10 and RFC 7529's RSCALE/SKIP; anything else (a typo such as UNTL) is ignored by ical.js.
const RULE_PARTS = new Set([
  'freq',
  'until',
  'count',
  'interval',
  'bysecond',
  'byminute',
  'byhour',
  'byday',
  'bymonthday',
  'byyearday',
  'byweekno',
  'bymonth',
  'bysetpos',
  'wkst',
  'rscale',
  'skip',
]);

/** What in a rule is invalid but read anyway: each is reported, as the series may not be what was meant. */
function checkRule(rule: JCalProperty, recur: ICAL.Recur, anchor: Anchor, uid: string, ctx: ExpandContext): void {
  const parts = rule[3];
  if (parts && typeof parts === 'object')
    for (const key of Object.keys(parts))
      if (!RULE_PARTS.has(key) && !key.startsWith('x-'))
        ctx.warn(`${eventLabel(uid)}: RRULE part ${excerpt(key.toUpperCase(), 20)} is not in RFC 5545; ignored`);
  const until = recur.until;
  if (!until) return;
  if (until.isDate !== anchor.value.isDate)
    ctx.warn(
      `${eventLabel(uid)}: RRULE UNTIL is a ${until.isDate ? 'date' : 'date-time'} but DTSTART a ${anchor.value.isDate ? 'date' : 'date-time'} (RFC 5545 3.3.10); compared as written`,
    );
  if (until.toUnixTime() * 1000 < anchor.startMs - (until.isDate ? DAY_MS : 0))
    ctx.warn(`${eventLabel(uid)}: RRULE UNTIL is before DTSTART; only DTSTART occurs`);
}

/** Frequencies whose steps are shorter than a day. */
const DAY_OR_SHORTER = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY']);

/**
 * Why ical.js could never finish stepping this rule, or null: on these it loops inside a single next(),
 * where no iteration limit or time budget can stop it, and one such line hung a whole ingest.
 */
function unsteppable(recur: ICAL.Recur): string | null {
  const parts = recur.parts as Partial<Record<string, number[]>>;
  if (parts.BYWEEKNO && recur.freq !== 'YEARLY') return 'has BYWEEKNO without FREQ=YEARLY (RFC 5545 3.3.10)';
  if (parts.BYMONTHDAY?.some((day) => day < 0) && DAY_OR_SHORTER.has(recur.freq))
    return `with FREQ=${recur.freq} counts BYMONTHDAY from the end of the month, which cannot be expanded`;
  return null;
}

/** Instants of the whole set (RRULEs + RDATEs + DTSTART, minus EXDATEs) that start inside the window. */
function seriesInstants(
  master: JCalProperty[],
  anchor: Anchor,
  uid: string,
  ctx: ExpandContext,
  excluded: Set<number>,
): Map<number, WallTime | null> {
  const { window } = ctx;
  const zone = seriesZone(anchor, ctx);
  const isDate = anchor.value.isDate;
  const instants = new Map<number, WallTime | null>();
  const consider = (ms: number) => {
    if (ms >= window.fromMs && ms < window.toMs) instants.set(ms, null);
  };
  consider(anchor.startMs);
  const deadline = Date.now() + SERIES_LIMITS.budgetMs;
  // Rules step through wall clocks read as UTC; two days either side of the window cover any zone's offset.
  const fromNaiveMs = window.fromMs - 2 * DAY_MS;
  const toNaiveMs = window.toMs + 2 * DAY_MS;
  const wallStart = seriesWallStart(anchor, ctx);
  /** An occurrence of a rule, near the window; false when the series has too many to go on. */
  const take = (naive: number, wall: WallTime): boolean => {
    const ms = isDate ? naive : toInstantMs(wall, zone);
    if (ms >= window.fromMs && ms < window.toMs) instants.set(ms, wall);
    if (instants.size <= SERIES_LIMITS.maxOccurrences) return true;
    ctx.warn(
      `${eventLabel(uid)}: more than ${SERIES_LIMITS.maxOccurrences} occurrences in the window; the rest are left out`,
    );
    return false;
  };
  for (const rule of master.filter((p) => p[0] === 'rrule')) {
    let recur: ICAL.Recur;
    try {
      recur = new ICAL.Property(rule).getFirstValue() as ICAL.Recur;
      if (!recur?.freq) throw new Error('no FREQ');
      checkRule(rule, recur, anchor, uid, ctx);
      localiseUntil(recur, zone, isDate);
    } catch {
      ctx.warn(`${eventLabel(uid)}: invalid RRULE ignored`);
      continue;
    }
    const stuck = unsteppable(recur);
    if (stuck) {
      ctx.warn(`${eventLabel(uid)}: RRULE ${stuck}; ignored`);
      continue;
    }
    const plain = plainRule(rule[3], recur, wallStart);
    const first = plain ? plainRuleIndexFrom(plain, fromNaiveMs) : 0;
    if (plain && first < SERIES_LIMITS.maxIterations) {
      for (let k = first; ; k++) {
        if (k >= SERIES_LIMITS.maxIterations) {
          ctx.warn(`${eventLabel(uid)}: recurrence expansion stopped at its limit`);
          break;
        }
        const naive = plainRuleNaiveMs(plain, k);
        if (plainRuleEnded(plain, k, naive) || naive >= toNaiveMs) break;
        if (!take(naive, wallOfNaive(naive))) break;
      }
      continue;
    }
    let iterator: ICAL.RecurIterator;
    try {
      const from = fastForwardStart(recur, wallStart, fromNaiveMs) ?? wallStart;
      iterator = recur.iterator(icalTime(from, isDate));
    } catch {
      ctx.warn(`${eventLabel(uid)}: RRULE cannot be expanded, ignored`);
      continue;
    }
    for (let i = 0; ; i++) {
      if (i >= SERIES_LIMITS.maxIterations || ((i & 1023) === 1023 && Date.now() > deadline)) {
        ctx.warn(`${eventLabel(uid)}: recurrence expansion stopped at its limit`);
        break;
      }
      let next: ICAL.Time | null;
      try {
        next = iterator.next();
      } catch {
        ctx.warn(`${eventLabel(uid)}: RRULE expansion failed part-way`);
        break;
      }
      if (!next) break;
      const naive = Date.UTC(next.year, next.month - 1, next.day, next.hour, next.minute, next.second);
      if (naive < fromNaiveMs) continue;
      if (naive >= toNaiveMs) break;
      const wall = {
        year: next.year,
        month: next.month,
        day: next.day,
        hour: next.hour,
        minute: next.minute,
        second: next.second,
      };
      if (!take(naive, wall)) break;
    }
  }
  for (const { value, property } of allValues(master, 'rdate')) {
    const raw = Array.isArray(value) ? value[0] : value;
    const rdate = readTimeValue(raw, tzidOf(property) ?? anchor.value.tzid, property[2]);
    if (rdate)
      consider(instantOf(rdate, rdate.utc ? { kind: 'utc' } : zoneOf({ ...rdate, tzid: rdate.tzid }, ctx), ctx));
  }
  for (const { value, property } of allValues(master, 'exdate')) {
    const exdate = readTimeValue(value, tzidOf(property) ?? anchor.value.tzid, property[2]);
    if (!exdate) {
      ctx.warn(`${eventLabel(uid)}: invalid EXDATE ${excerpt(String(value), 30)} ignored`);
      continue;
    }
    const ms = exceptionMs(exdate, anchor, ctx);
    instants.delete(ms);
    excluded.add(ms);
  }
  return instants;
}

/**
 * An exception (EXDATE, RECURRENCE-ID) of an all-day series names a day; Exchange writes it as midnight
 * in a Windows zone, which as an instant would fall on the day before.
 */
function exceptionMs(value: TimeValue, series: Anchor | null, ctx: ExpandContext): number {
  if (series?.value.isDate) return Date.UTC(value.wall.year, value.wall.month - 1, value.wall.day);
  return instantOf(value, zoneOf(value, ctx), ctx);
}

function recurrenceIdMs(properties: JCalProperty[], anchor: Anchor | null, ctx: ExpandContext): number | null {
  const property = firstProperty(properties, 'recurrence-id');
  if (!property) return null;
  const value = readTimeValue(property[3], tzidOf(property) ?? anchor?.value.tzid ?? null, property[2]);
  if (!value) return null;
  return exceptionMs(value, anchor, ctx);
}

function isCancelled(properties: JCalProperty[]): boolean {
  return (firstText(properties, 'status') ?? '').toUpperCase() === 'CANCELLED';
}

function single(properties: JCalProperty[], anchor: Anchor, recurrenceId: string | null): Occurrence {
  return {
    properties,
    allDay: anchor.value.isDate,
    startMs: anchor.startMs,
    endMs: anchor.startMs + anchor.durationMs,
    zone: anchor.zone,
    recurrenceId,
    cancelled: isCancelled(properties),
  };
}

const TIMING = new Set(['dtstart', 'dtend', 'duration', 'due', 'rrule', 'rdate', 'exdate', 'exrule', 'recurrence-id']);

/** Exporters often write only what changed into an override; the rest (title, place) comes from the series. */
function withInherited(override: JCalProperty[], master: JCalProperty[] | undefined): JCalProperty[] {
  if (!master) return override;
  const own = new Set(override.map((p) => p[0]));
  return [...override, ...master.filter((p) => !own.has(p[0]) && !TIMING.has(p[0]))];
}

/** Expands one UID's VEVENTs (a master and its RECURRENCE-ID overrides) into occurrences inside the window. */
export function expandGroup(uid: string, vevents: JCalProperty[][], ctx: ExpandContext): Occurrence[] {
  const master = vevents.find((v) => !firstProperty(v, 'recurrence-id'));
  const overrides = vevents.filter((v) => v !== master);
  const inWindow = (ms: number) => ms >= ctx.window.fromMs && ms < ctx.window.toMs;
  const out: Occurrence[] = [];
  const excluded = new Set<number>();
  const masterAnchor = master ? readAnchor(master, uid, ctx) : null;
  const overrideByInstant = new Map<number, JCalProperty[]>();
  for (const override of overrides) {
    const ms = recurrenceIdMs(override, masterAnchor, ctx);
    if (ms === null) ctx.warn(`${eventLabel(uid)}: invalid RECURRENCE-ID, override skipped`);
    else overrideByInstant.set(ms, withInherited(override, master));
  }
  const recurring = master && (firstProperty(master, 'rrule') || firstProperty(master, 'rdate'));
  if (master && masterAnchor && !recurring) {
    if (inWindow(masterAnchor.startMs)) out.push(single(master, masterAnchor, null));
    else ctx.onOutsideWindow?.(masterAnchor.startMs);
  } else if (master && masterAnchor) {
    const instants = seriesInstants(master, masterAnchor, uid, ctx, excluded);
    const cancelled = isCancelled(master);
    for (const ms of [...instants.keys()].sort((a, b) => a - b)) {
      const recurrenceId = instantText(ms, masterAnchor.value.isDate);
      const override = overrideByInstant.get(ms);
      if (override) {
        overrideByInstant.delete(ms);
        const anchor = readAnchor(override, uid, ctx);
        if (anchor && inWindow(anchor.startMs)) out.push(single(override, anchor, recurrenceId));
        continue;
      }
      out.push({
        properties: master,
        allDay: masterAnchor.value.isDate,
        startMs: ms,
        endMs: ms + masterAnchor.durationMs,
        zone: masterAnchor.zone,
        recurrenceId,
        cancelled,
      });
    }
  }
  // Overrides whose instant the rule does not produce (or that moved into the window) still describe real events.
  if (!master && overrideByInstant.size > 0)
    ctx.warn(`${eventLabel(uid)}: RECURRENCE-ID of a series not in the file; read as a single event`);
  for (const [ms, override] of overrideByInstant) {
    // Apple writes an EXDATE beside each moved occurrence: the override is the occurrence, not a stray.
    if (master && masterAnchor && inWindow(ms) && !excluded.has(ms))
      ctx.warn(
        `${eventLabel(uid)}: RECURRENCE-ID ${instantText(ms, masterAnchor.value.isDate)} matches no occurrence of its series; read as a single event`,
      );
    const anchor = readAnchor(override, uid, ctx);
    if (anchor && inWindow(anchor.startMs)) out.push(single(override, anchor, instantText(ms, anchor.value.isDate)));
  }
  return out;
}
