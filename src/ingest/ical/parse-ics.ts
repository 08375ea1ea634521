import ICAL from 'ical.js';
import { type EventRecord, TEXT_LIMITS } from '../../core/event.ts';
import { stableId } from '../../core/stable-id.ts';
import { inferKind, inferOnline } from '../classify.ts';
import { eventLabel } from '../excerpt.ts';
import { groupWarnings } from '../group-warnings.ts';
import type { ParsedSource, ParseOptions } from '../parsed-source.ts';
import { cleanText, cleanUrl } from '../text.ts';
import { type ExpandContext, expandGroup, type Occurrence } from './expand.ts';
import { instantText } from './instant-text.ts';
import {
  type CalendarParts,
  narrowed,
  parseVeventBlock,
  readCalendar,
  UnreadableBlock,
  type VeventBlock,
} from './read-calendar.ts';
import { detached, firstProperty, firstText, type JCalProperty } from './values.ts';
import { createZoneTable, isIanaZone, type Zone, zoneName } from './zones.ts';

type SeriesText = Omit<EventRecord, 'uid' | 'recurrenceId' | 'start' | 'end' | 'allDay' | 'timeZone' | 'status'>;

function organizerName(properties: JCalProperty[]): string | null {
  const organizer = firstProperty(properties, 'organizer');
  if (!organizer) return null;
  const cn = organizer[1].cn;
  const name = typeof cn === 'string' && cn.trim() ? cn : String(organizer[3] ?? '').replace(/^mailto:/i, '');
  return cleanText(name, TEXT_LIMITS.short, { singleLine: true });
}

function geo(properties: JCalProperty[]): { lat: number | null; lon: number | null } {
  const property = firstProperty(properties, 'geo');
  const value = property?.[3];
  const pair = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[;,]/) : [];
  const lat = Number(pair[0]);
  const lon = Number(pair[1]);
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)
    return { lat: null, lon: null };
  return { lat, lon };
}

/**
 * Topics by the CATEGORIES part they were cleaned from: a calendar names a few dozen topics over
 * thousands of events, and cleaning each part again was most of reading them.
 */
const topicOfPart = new Map<string, string | undefined>();

function topicOf(part: string): string | undefined {
  if (topicOfPart.has(part)) return topicOfPart.get(part);
  const topic = cleanText(part, TEXT_LIMITS.short, { singleLine: true })?.toLowerCase();
  if (topicOfPart.size >= 10_000) topicOfPart.clear();
  // The topic as its own string: a part cut from the file would keep the file alive in the map.
  topicOfPart.set(detached(part), topic === undefined ? undefined : detached(topic));
  return topic;
}

function categories(properties: JCalProperty[]): string[] {
  const out = new Set<string>();
  for (const property of properties) {
    if (property[0] !== 'categories') continue;
    for (let i = 3; i < property.length; i++) {
      for (const part of String(property[i]).split(',')) {
        const topic = topicOf(part);
        if (topic) out.add(topic);
      }
    }
  }
  return [...out].slice(0, 50);
}

const UNTITLED = 'Untitled event';

function seriesText(properties: JCalProperty[], options: ParseOptions): SeriesText {
  // RFC 5545 TEXT is plain text: "The <script> element" is a talk title, not markup to strip.
  const title =
    cleanText(firstText(properties, 'summary'), TEXT_LIMITS.title, { singleLine: true, plain: true }) ?? UNTITLED;
  const description = cleanText(firstText(properties, 'description'), TEXT_LIMITS.description);
  const locationText = cleanText(firstText(properties, 'location'), TEXT_LIMITS.location, { singleLine: true });
  const { lat, lon } = geo(properties);
  const topics = [...new Set([...options.topics, ...categories(properties)])];
  return {
    title: detached(title),
    description: detached(description),
    location: { text: detached(locationText), city: null, country: null, lat, lon },
    online: inferOnline(locationText, title, description),
    url: detached(cleanUrl(firstText(properties, 'url'))),
    kind: options.kind ?? inferKind(title, description, 'other'),
    topics: topics.map(detached),
    cfp: null,
    organizer: detached(organizerName(properties)),
  };
}

/**
 * Zone names as they go into every occurrence's JSON, narrowed (see `narrowed`): a name read from a block
 * that holds a wide character would make each occurrence's JSON two bytes per character.
 */
function zoneNames(): (zone: Zone) => string | null {
  const names = new Map<Zone, string | null>();
  return (zone) => {
    let name = names.get(zone);
    if (name === undefined) {
      const named = zoneName(zone);
      name = named === null ? null : narrowed(named);
      names.set(zone, name);
    }
    return name;
  };
}

/** One occurrence's record, built in one literal: a calendar has tens of thousands, so no parts to spread. */
function recordOf(
  uid: string,
  occurrence: Occurrence,
  text: SeriesText,
  nameOf: (zone: Zone) => string | null,
): EventRecord {
  const { allDay } = occurrence;
  return {
    uid,
    recurrenceId: occurrence.recurrenceId,
    start: instantText(occurrence.startMs, allDay),
    end: instantText(occurrence.endMs, allDay),
    allDay,
    timeZone: allDay ? null : nameOf(occurrence.zone),
    title: text.title,
    description: text.description,
    location: text.location,
    online: text.online,
    url: text.url,
    kind: text.kind,
    topics: text.topics,
    cfp: text.cfp,
    organizer: text.organizer,
    status: occurrence.cancelled ? 'cancelled' : 'confirmed',
  };
}

function refreshMinutes(properties: JCalProperty[]): number | null {
  const value = firstText(properties, 'refresh-interval') ?? firstText(properties, 'x-published-ttl');
  if (!value) return null;
  try {
    return Math.round(ICAL.Duration.fromString(value).toSeconds() / 60) || null;
  } catch {
    return null;
  }
}

interface Prepared {
  groups: Map<string, (JCalProperty[] | VeventBlock)[]>;
  ctx: ExpandContext;
  notes: { zoneNotes: Set<string>; floating: Set<string> };
  source: Omit<ParsedSource, 'records'>;
}

/** What the records are expanded from: the series by UID, the zones, and what the file says about itself. */
function prepare(
  parts: CalendarParts,
  options: ParseOptions,
  sink: { warn(message: string): void; onOutsideWindow?: (startMs: number) => void },
): Prepared {
  const warnings = parts.warnings;
  const zoneNotes = new Set<string>();
  const zones = createZoneTable(parts.vtimezones, (message) => zoneNotes.add(message));
  const calendarZoneName = firstText(parts.properties, 'x-wr-timezone');
  const calendarZone: Zone | null =
    calendarZoneName && isIanaZone(calendarZoneName) ? { kind: 'iana', name: detached(calendarZoneName) } : null;
  if (parts.vevents.length === 0) warnings.push('the calendar holds no events (no VEVENT)');
  const groups = new Map<string, (JCalProperty[] | VeventBlock)[]>();
  const withoutUid: string[] = [];
  // A loop, not a callback: a closure naming `parts` would keep every parsed VEVENT alive in the
  // context the streaming records share, though each series is let go once stored.
  const { vevents, veventLines } = parts;
  for (let index = 0; index < vevents.length; index++) {
    const vevent = vevents[index]!;
    let uid = Array.isArray(vevent) ? firstText(vevent, 'uid') : vevent.uid;
    if (uid === null) {
      const properties = vevent as JCalProperty[];
      // RFC 5545 3.6.1 requires a UID; the id made up instead is stable across runs, not across edits.
      uid = `generated-${stableId(firstText(properties, 'summary') ?? '', String(firstProperty(properties, 'dtstart')?.[3] ?? ''))}`;
      const line = veventLines[index];
      withoutUid.push(line ? `line ${line}` : `VEVENT #${index + 1}`);
    }
    const group = groups.get(uid);
    if (group) group.push(vevent);
    else groups.set(uid, [vevent]);
  }
  if (withoutUid.length > 0)
    warnings.push(
      `${withoutUid.length} VEVENT${withoutUid.length === 1 ? '' : 's'} without UID (${withoutUid.slice(0, 3).join(', ')}${withoutUid.length > 3 ? ', …' : ''}): ids made from title and start`,
    );
  const floating = new Set<string>();
  const ctx: ExpandContext = {
    zones,
    window: options.window,
    calendarZone,
    warn: sink.warn,
    ...(sink.onOutsideWindow ? { onOutsideWindow: sink.onOutsideWindow } : {}),
    onFloating: (uid: string) => floating.add(uid),
  };
  return {
    groups,
    ctx,
    notes: { zoneNotes, floating },
    source: {
      warnings,
      refreshMinutes: refreshMinutes(parts.properties),
      truncated: parts.truncated,
      title: cleanText(
        firstText(parts.properties, 'x-wr-calname') ?? firstText(parts.properties, 'name'),
        TEXT_LIMITS.short,
        { singleLine: true },
      ),
    },
  };
}

/**
 * `byBlocks` (the default) reads VEVENTs one block at a time where that reads exactly as the whole file
 * would (see readAhead); false reads the whole file's tree first, as ical.js alone does.
 */
export function parseIcs(text: string, options: ParseOptions, { byBlocks = true } = {}): ParsedSource {
  const parts = readCalendar(text, { byBlocks });
  if (parts.vevents.some((vevent) => !Array.isArray(vevent))) {
    const read = readAhead(parts, options);
    if (read) return read;
  }
  const whole = parts.vevents.every((vevent) => Array.isArray(vevent)) ? parts : readCalendar(text);
  const warnings = whole.warnings;
  const { groups, ctx, notes, source } = prepare(whole, options, {
    warn: (m: string) => warnings.push(m),
    ...(options.onOutsideWindow ? { onOutsideWindow: options.onOutsideWindow } : {}),
  });
  return { ...source, records: occurrenceRecords(groups, ctx, options, warnings, notes) };
}

/** What expansion produced, in order: a record, a warning, or the start of an event outside the window. */
type Produced = EventRecord | string | number | undefined;

/**
 * Expands a calendar read block by block, every series before any record is handed on: a block that
 * does not parse means the file must be read whole (as before, with its repairs and salvage), and then
 * none of this reading may have reached the store or the warnings. Each series' tree is let go once
 * its records exist, so the whole file's tree never does. Null when a block did not parse.
 */
function readAhead(parts: CalendarParts, options: ParseOptions): ParsedSource | null {
  const produced: Produced[] = [];
  const note = (entry: string | number) => {
    produced.push(entry);
  };
  const { groups, ctx, notes, source } = prepare(parts, options, {
    warn: note,
    ...(options.onOutsideWindow ? { onOutsideWindow: note } : {}),
  });
  let failure: { error: unknown } | null = null;
  try {
    for (const record of seriesRecords(groups, ctx, options, note)) produced.push(record);
  } catch (error) {
    if (error instanceof UnreadableBlock) return null;
    // Thrown while records streamed, as the streaming reading would have: after what came before it.
    failure = { error };
  }
  return { ...source, records: replayed(produced, options, parts.warnings, notes, failure) };
}

/** Hands on what readAhead produced in the order the streaming reading would have, letting go as it goes. */
function* replayed(
  produced: Produced[],
  options: ParseOptions,
  warnings: string[],
  notes: { zoneNotes: Set<string>; floating: Set<string> },
  failure: { error: unknown } | null,
): Generator<EventRecord> {
  for (let i = 0; i < produced.length; i++) {
    const entry = produced[i];
    produced[i] = undefined;
    if (typeof entry === 'string') warnings.push(entry);
    else if (typeof entry === 'number') options.onOutsideWindow?.(entry);
    else if (entry !== undefined) yield entry;
  }
  if (failure) throw failure.error;
  finishWarnings(warnings, notes);
}

/** Expands one series at a time, so a 10,000-event calendar never holds all its occurrences at once. */
function* occurrenceRecords(
  groups: Map<string, (JCalProperty[] | VeventBlock)[]>,
  ctx: ExpandContext,
  options: ParseOptions,
  warnings: string[],
  notes: { zoneNotes: Set<string>; floating: Set<string> },
): Generator<EventRecord> {
  yield* seriesRecords(groups, ctx, options, (message) => warnings.push(message));
  finishWarnings(warnings, notes);
}

function* seriesRecords(
  groups: Map<string, (JCalProperty[] | VeventBlock)[]>,
  ctx: ExpandContext,
  options: ParseOptions,
  warn: (message: string) => void,
): Generator<EventRecord> {
  const nameOf = zoneNames();
  for (const [sharedUid, blocks] of groups) {
    const uid = detached(sharedUid);
    // Let go of each series once its records are out: the store writes as they stream, so neither its
    // parsed lines nor its text need outlive it (a 10,000-event calendar held all of them to the end).
    groups.delete(sharedUid);
    const vevents = blocks.map((vevent) => (Array.isArray(vevent) ? vevent : parseVeventBlock(vevent)));
    const textCache = new Map<JCalProperty[], SeriesText>();
    const masters = vevents.filter((v) => !firstProperty(v, 'recurrence-id'));
    if (masters.length > 1) warn(`${eventLabel(uid)}: ${masters.length} VEVENTs share this UID; the first is kept`);
    const group =
      masters.length > 1 ? vevents.filter((v) => v === masters[0] || firstProperty(v, 'recurrence-id')) : vevents;
    for (const occurrence of expandGroup(uid, group, ctx)) {
      let text = textCache.get(occurrence.properties);
      if (text === undefined) {
        text = seriesText(occurrence.properties, options);
        textCache.set(occurrence.properties, text);
        if (text.title === UNTITLED) warn(`${eventLabel(uid)}: no SUMMARY; kept as "${UNTITLED}"`);
      }
      yield recordOf(uid, occurrence, text, nameOf);
    }
  }
}

function finishWarnings(warnings: string[], notes: { zoneNotes: Set<string>; floating: Set<string> }): void {
  const floating = [...notes.floating];
  if (floating.length > 0)
    warnings.push(
      `${floating.length} event${floating.length === 1 ? '' : 's'} with floating times (no TZID, no X-WR-TIMEZONE) read as UTC, first ${eventLabel(floating[0]!)}`,
    );
  // Notes about the file's zones first, then the rest, each kind of per-event problem once.
  warnings.splice(0, warnings.length, ...notes.zoneNotes, ...groupWarnings(warnings));
}
