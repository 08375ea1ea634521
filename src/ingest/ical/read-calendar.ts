import ICAL from 'ical.js';
import { SourceError } from '../../core/errors.ts';
import { errorReason, excerpt } from '../excerpt.ts';
import { lineAt, newlinesBetween } from '../line-count.ts';
import type { JCalProperty } from './values.ts';

type JCalComponent = [string, JCalProperty[], JCalComponent[]];

/**
 * A VEVENT not parsed yet: its text (a slice of the file) and its UID as ical.js would read it. Parsed
 * when its series is expanded, so the whole file's tree never exists at once.
 */
export interface VeventBlock {
  uid: string;
  text: string;
}

/** Thrown where a VEVENT block does not parse: the file is then read whole, as ical.js reads it. */
export class UnreadableBlock extends Error {}

export interface CalendarParts {
  vevents: (JCalProperty[] | VeventBlock)[];
  /** The line of the file each VEVENT begins on, when it can be told (null otherwise). */
  veventLines: (number | null)[];
  vtimezones: ICAL.Component[];
  properties: JCalProperty[];
  warnings: string[];
  truncated: boolean;
}

const BARE_CR = /\r(?!\n)/;
const BLANK_LINE = /\n[ \t]*\r?\n/;
// `RRULE:` with nothing after it (calendarlabs exports) is a rule that says nothing.
const EMPTY_RULE = /^(RRULE|EXRULE|RDATE|EXDATE)(;[^:\r\n]*)?:[ \t]*\r?\n/gim;
// Google and Apple wrote DATE values without VALUE=DATE; ical.js then rejects the whole file.
const BARE_DATE =
  /^(DTSTART|DTEND|DUE|RECURRENCE-ID|EXDATE|RDATE)((?:;[^:\r\n]*)?):(\d{8}(?:,\d{8})*)[ \t]*(?=\r?$)/gim;
/** Content lines that break RFC 5545 3.1 (see repairContentLines), each as the line begins. */
const SPACED_NAME = /^[A-Za-z][A-Za-z0-9-]*(?:[ \t]-|-[ \t]|[ \t]+[;:]|;[ \t])/m;
const EMPTY_PARAMETER = /^[A-Za-z][A-Za-z0-9-]*(;[^:"\n]*)?;[;:]/m;
const ESCAPED_RULE = /^(RRULE|EXRULE)[;:][^\n]*\\[;,]/im;
const ESCAPED_GEO = /^GEO[;:][^\n]*\\;/im;

/** The line-start tests of the repairs below, each without its `^`. */
const LINE_STARTS = [EMPTY_RULE, BARE_DATE, SPACED_NAME, EMPTY_PARAMETER, ESCAPED_RULE, ESCAPED_GEO]
  .map((pattern) => `(?:${pattern.source.slice(1)})`)
  .join('|');
/**
 * Whether any repair below has something to do, in one scan of the file (a clean 10 MB calendar took
 * eight scans to say it needs none): the union of their tests. A line start is sought as the line
 * break before it (every break `^` knows in multiline mode), which the scan finds by character, rather
 * than as `^`, which is tried at every position; the first line is tried on its own.
 */
const NEEDS_REPAIR = new RegExp(
  `${BARE_CR.source}|${BLANK_LINE.source}|[\\r\\n\\u2028\\u2029](?:${LINE_STARTS})`,
  'im',
);
const FIRST_LINE_NEEDS_REPAIR = new RegExp(LINE_STARTS, 'imy');

function needsRepair(text: string): boolean {
  FIRST_LINE_NEEDS_REPAIR.lastIndex = 0;
  return FIRST_LINE_NEEDS_REPAIR.test(text) || NEEDS_REPAIR.test(text);
}

/**
 * BOM, bare CR line ends, blank lines, empty rules and DATE values without VALUE=DATE trip ical.js's
 * parser; none of them carries meaning. Each repair runs only when a quick test finds something to
 * repair, so a clean 3 MB calendar is not copied five times.
 */
function tidy(text: string, warnings: string[]): string {
  let out = text.replace(/^\uFEFF/, '');
  if (!needsRepair(out)) return out;
  if (BARE_CR.test(out)) out = out.replace(/\r\n?/g, '\n');
  out = repairContentLines(out, warnings);
  if (BLANK_LINE.test(out)) {
    if (/\n[ \t]*\r?\n[ \t]*\S/.test(out.trimEnd())) warnings.push('blank lines inside the calendar ignored');
    out = out.replace(/\n[ \t]*(?=\r?\n)/g, '');
  }
  if (new RegExp(EMPTY_RULE.source, 'im').test(out)) {
    out = out.replace(EMPTY_RULE, '');
    warnings.push('empty recurrence properties ignored');
  }
  return repairAll(
    out,
    new RegExp(BARE_DATE.source, 'im'),
    BARE_DATE,
    (line, name, params, value) =>
      /;VALUE=/i.test(params ?? '') ? (line ?? '') : `${name}${params};VALUE=DATE:${value}`,
    'DATE values without VALUE=DATE',
    warnings,
  );
}

/**
 * Where `detect` finds something, replaces each match of `pattern` (global, multiline) and reports how
 * many lines changed and where the first was. `detect` keeps clean files from a second pass.
 */
function repairAll(
  text: string,
  detect: RegExp,
  pattern: RegExp,
  replace: (...groups: string[]) => string,
  what: string,
  warnings: string[],
): string {
  if (!detect.test(text)) return text;
  let count = 0;
  let first = -1;
  const out = text.replace(pattern, (...args: unknown[]) => {
    const whole = args[0] as string;
    const repaired = replace(...(args.slice(0, -2) as string[]));
    if (repaired !== whole) {
      if (first < 0) first = args.at(-2) as number;
      count++;
    }
    return repaired;
  });
  if (count > 0)
    warnings.push(
      `${what} repaired (${count.toLocaleString('en-US')} line${count === 1 ? '' : 's'}, first at line ${lineAt(text, first)})`,
    );
  return out;
}

/**
 * Content lines that break RFC 5545 3.1 in ways with one obvious reading: whitespace inside a property
 * name or around its parameters (`REFRESH - INTERVAL; VALUE = DURATION`), empty parameters
 * (`DTSTART;;VALUE=...`), and ';' escaped as if it were text in RRULE and GEO.
 */
function repairContentLines(text: string, warnings: string[]): string {
  let out = repairAll(
    text,
    SPACED_NAME,
    /^([A-Za-z][A-Za-z0-9]*(?:[ \t]*-[ \t]*[A-Za-z0-9]+)*)[ \t]*((?:;[^:"\n]*)?):/gm,
    (_, name, params) =>
      `${name!.replace(/[ \t]/g, '')}${params!.replace(/[ \t]*([;=])[ \t]*/g, '$1').replace(/[ \t]+$/, '')}:`,
    'whitespace in property names or parameters',
    warnings,
  );
  out = repairAll(
    out,
    EMPTY_PARAMETER,
    /^([A-Za-z][A-Za-z0-9-]*)(;[^:"\n]*):/gm,
    (_, name, params) => `${name}${params!.replace(/;{2,}/g, ';').replace(/;$/, '')}:`,
    'empty property parameters',
    warnings,
  );
  // Some Ruby and PHP libraries escape a rule's separators as if RRULE were TEXT (`FREQ=WEEKLY\;BYDAY=MO`).
  out = repairAll(
    out,
    ESCAPED_RULE,
    /^((?:RRULE|EXRULE)(?:;[^:\n]*)?:)([^\n]*)$/gim,
    (_, head, value) => `${head}${value!.replace(/\\([;,])/g, '$1')}`,
    'escaped separators in RRULE',
    warnings,
  );
  out = repairAll(
    out,
    ESCAPED_GEO,
    /^(GEO(?:;[^:\n]*)?):([+-]?[\d.]+)\\;([+-]?[\d.]+)[ \t]*$/gim,
    (_, head, lat, lon) => `${head}:${lat};${lon}`,
    'escaped semicolon in GEO',
    warnings,
  );
  return out;
}

function collect(component: JCalComponent, parts: CalendarParts): void {
  const [name, properties, children] = component;
  if (name === 'vcalendar') parts.properties.push(...properties);
  if (name === 'vevent') parts.vevents.push(properties);
  else if (name === 'vtimezone') parts.vtimezones.push(new ICAL.Component(component));
  for (const child of children ?? []) collect(child, parts);
}

/**
 * One broken line makes ical.js reject a whole file. Rather than lose every good event for it, each
 * VEVENT is parsed on its own (with the file's VTIMEZONEs) and the broken ones are named and skipped.
 */
function salvage(text: string, parts: CalendarParts, reason: string): void {
  const lines = text.split(/\r?\n/);
  const blocks: { kind: 'vevent' | 'vtimezone' | 'header'; lines: string[] }[] = [];
  let current: { kind: 'vevent' | 'vtimezone' | 'header'; lines: string[] } | null = null;
  const header: string[] = [];
  for (const line of lines) {
    const upper = line.trim().toUpperCase();
    if (!current && (upper === 'BEGIN:VEVENT' || upper === 'BEGIN:VTIMEZONE')) {
      current = { kind: upper === 'BEGIN:VEVENT' ? 'vevent' : 'vtimezone', lines: [] };
    }
    if (current) {
      current.lines.push(line);
      if (upper === `END:${current.kind.toUpperCase()}`) {
        blocks.push(current);
        current = null;
      }
    } else if (/^(X-WR-|REFRESH-INTERVAL|NAME|METHOD)/i.test(line)) header.push(line);
  }
  let skipped = 0;
  let veventOrdinal = -1;
  const parseBlock = (lines: string[]) => {
    const parsed = ICAL.parse(['BEGIN:VCALENDAR', ...header, ...lines, 'END:VCALENDAR', ''].join('\r\n'));
    const before = parts.vevents.length;
    collect(parsed as unknown as JCalComponent, parts);
    while (parts.veventLines.length < parts.vevents.length)
      parts.veventLines.push(parts.vevents.length > before ? veventOrdinal : null);
  };
  for (const block of blocks) {
    if (block.kind === 'vevent') veventOrdinal++;
    const uid = block.lines.find((l) => /^UID[:;]/i.test(l))?.replace(/^UID[^:]*:/i, '');
    const label = uid ? excerpt(uid, 60) : `#${blocks.indexOf(block) + 1}`;
    try {
      parseBlock(block.lines);
    } catch (error) {
      // A rule ical.js refuses (BYSETPOS=-400) need not cost the event: its first occurrence still stands.
      const withoutRules = block.lines.filter((l) => !/^(RRULE|EXRULE)[;:]/i.test(l));
      if (block.kind === 'vevent' && withoutRules.length < block.lines.length) {
        try {
          parseBlock(withoutRules);
          parts.warnings.push(`event ${label}: unreadable RRULE (${errorReason(error)}) ignored; only DTSTART is read`);
          continue;
        } catch {
          // Broken beyond its rule: skipped below.
        }
      }
      skipped++;
      parts.warnings.push(`skipped unreadable ${block.kind.toUpperCase()} ${label}`);
    }
  }
  if (parts.vevents.length === 0 && (skipped > 0 || blocks.length === 0))
    throw new SourceError('parse', `not valid iCalendar (${reason})`);
  parts.warnings.push(`calendar did not parse as a whole (${reason}); read it event by event`);
}

/** The line each BEGIN:VEVENT of the file is on, in order (tidying keeps them all, so ordinals match). */
function veventBeginLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let scanned = 0;
  for (const match of text.matchAll(/^BEGIN:VEVENT[ \t]*\r?$/gim)) {
    line += newlinesBetween(text, scanned, match.index);
    scanned = match.index;
    lines.push(line);
  }
  return lines;
}

function emptyParts(): CalendarParts {
  return { vevents: [], veventLines: [], vtimezones: [], properties: [], warnings: [], truncated: false };
}

function calendarsOf(parsed: unknown): JCalComponent[] {
  return (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed) as JCalComponent[];
}

/** A line that opens or closes a component as ical.js tells one: `BEGIN:` or `END:` at the start of a line. */
const COMPONENT_LINE = /^(BEGIN|END):([^\r\n]*)/gim;
/** The first UID line of a block; plain (no parameters, no escapes, not folded), ical.js reads it as written. */
const UID_LINE = /^UID([;:])([^\r\n]*)/im;

const WIDE_CHAR = /[^\x00-\xff]/;
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

/**
 * A cut of a file that holds some character beyond Latin-1 (one en dash in a 10 MB calendar will do),
 * copied to one byte per character where the cut's own characters all fit: V8 keeps a string cut from a
 * two-byte string two bytes per character, and with it every value parsed from it and every JSON built
 * from those values, which then held twice the memory until the write. Decoding UTF-8 gives the
 * narrowest string that holds the text.
 */
export function narrowed(cut: string, fileIsWide = true): string {
  if (!fileIsWide || WIDE_CHAR.test(cut)) return cut;
  // Into one buffer kept for every cut (a character up to U+00FF takes at most two bytes): a new
  // array per VEVENT block was a third of the copy's time.
  if (narrowing.length < cut.length * 2) narrowing = new Uint8Array(Math.max(cut.length * 2, narrowing.length * 2));
  const { written } = utf8Encoder.encodeInto(cut, narrowing);
  const copy = utf8Decoder.decode(narrowing.subarray(0, written));
  // Not kept at the size of the header of a large file, which may be cut whole.
  if (narrowing.length > 1 << 20) narrowing = new Uint8Array(1 << 16);
  return copy;
}

let narrowing = new Uint8Array(1 << 16);

/** Whether the line ending at `lineEnd` (its \n, or -1 at the end of the text) goes on in a folded line. */
function folded(text: string, lineEnd: number): boolean {
  if (lineEnd < 0) return false;
  const next = text.charCodeAt(lineEnd + 1);
  return next === 0x20 || next === 0x09;
}

/** The UID ical.js would read from a block without nested components, or null where that is not plain. */
function plainUid(block: string): string | null {
  const match = UID_LINE.exec(block);
  if (match?.[1] !== ':') return null;
  const value = match[2]!;
  const lineEnd = match.index + match[0].length;
  if (value.trim() === '' || value.includes('\\')) return null;
  return folded(block, block.charCodeAt(lineEnd) === 0x0d ? lineEnd + 1 : lineEnd) ? null : value;
}

/**
 * The file cut into its VEVENT blocks and the rest (header, VTIMEZONEs, other components), the rest
 * parsed now and each block when its series is expanded. Null where the cut could read differently from
 * ical.js reading the whole file: a VEVENT holding a component other than VALARM, a block left open, a
 * folded BEGIN or END line at a block's edge, a file that does not begin with VCALENDAR (ical.js picks
 * its grammar by the first component), or anything in the rest that does not parse.
 */
function readByBlocks(
  text: string,
  veventCount: number,
): Pick<CalendarParts, 'vevents' | 'vtimezones' | 'properties'> | null {
  const pieces: string[] = [];
  const blocks: { text: string; nested: boolean }[] = [];
  let restFrom = 0;
  let blockStart = -1;
  let depth = 0;
  let nested = false;
  let first = true;
  const wide = WIDE_CHAR.test(text);
  COMPONENT_LINE.lastIndex = 0;
  for (let match = COMPONENT_LINE.exec(text); match; match = COMPONENT_LINE.exec(text)) {
    const begins = match[1]!.length === 5;
    // Lower-cased as ical.js names components, so a name counts exactly when ical.js's would.
    const name = match[2]!.toLowerCase();
    const lineEnd = text.indexOf('\n', match.index);
    if (first) {
      if (!begins || name !== 'vcalendar' || folded(text, lineEnd)) return null;
      first = false;
    }
    if (blockStart < 0) {
      if (!begins || name.trimEnd() !== 'vevent') continue;
      // "BEGIN:VEVENT " names another component for ical.js, but counts for the line numbers: read whole.
      if (name !== 'vevent' || folded(text, lineEnd)) return null;
      blockStart = match.index;
      depth = 1;
      nested = false;
    } else if (begins) {
      if (name.trimEnd() !== 'valarm') return null;
      nested = true;
      depth++;
    } else if (--depth === 0) {
      if (name.trimEnd() !== 'vevent' || folded(text, lineEnd)) return null;
      const blockEnd = lineEnd < 0 ? text.length : lineEnd + 1;
      pieces.push(text.slice(restFrom, blockStart));
      blocks.push({ text: narrowed(text.slice(blockStart, blockEnd), wide), nested });
      restFrom = blockEnd;
      blockStart = -1;
    }
  }
  // Every BEGIN:VEVENT line a block, so warnings' line numbers keep pointing at their events.
  if (blockStart >= 0 || first || blocks.length !== veventCount) return null;
  pieces.push(text.slice(restFrom));
  const parts = emptyParts();
  try {
    for (const calendar of calendarsOf(ICAL.parse(narrowed(pieces.join(''), wide)))) collect(calendar, parts);
    // A VEVENT the cut did not see (a folded BEGIN line) would come out of order.
    if (parts.vevents.length > 0) return null;
    for (const block of blocks) {
      const uid = block.nested ? null : plainUid(block.text);
      // Narrowed on its own too: the UID goes into every occurrence's JSON, even from a block that stays wide.
      if (uid !== null) parts.vevents.push({ uid: narrowed(uid, wide), text: block.text });
      else collect(ICAL.parse(block.text) as unknown as JCalComponent, parts);
    }
  } catch {
    return null;
  }
  return parts.vevents.length === blocks.length ? parts : null;
}

/** A block's properties; UnreadableBlock where ical.js refuses it (the file is then read whole). */
export function parseVeventBlock(block: VeventBlock): JCalProperty[] {
  let parsed: JCalComponent;
  try {
    parsed = ICAL.parse(block.text) as unknown as JCalComponent;
  } catch (error) {
    throw new UnreadableBlock(errorReason(error));
  }
  return parsed[1];
}

/**
 * `byBlocks`: VEVENTs may come back as blocks parsed when their series is expanded (see readByBlocks);
 * a caller that asks for them reads the file again without it if one turns out unreadable.
 */
export function readCalendar(text: string, { byBlocks = false } = {}): CalendarParts {
  const parts = emptyParts();
  const tidied = tidy(text, parts.warnings);
  const ends = tidied.match(/^END:VCALENDAR/gim)?.length ?? 0;
  if (ends < (tidied.match(/^BEGIN:VCALENDAR/gim)?.length ?? 0)) {
    parts.truncated = true;
    parts.warnings.push('the calendar ends without END:VCALENDAR (cut short?); events it no longer lists are kept');
  }
  if (!/BEGIN:VCALENDAR/i.test(tidied)) throw new SourceError('not_a_feed', 'no BEGIN:VCALENDAR');
  const begins = veventBeginLines(BARE_CR.test(text) ? text.replace(/\r(?!\n)/g, '\n') : text);
  const blocks = byBlocks ? readByBlocks(tidied, begins.length) : null;
  if (blocks) {
    parts.properties = blocks.properties;
    parts.vtimezones = blocks.vtimezones;
    parts.vevents = blocks.vevents;
    parts.veventLines = parts.vevents.map((_, i) => i);
  } else {
    let parsed: unknown;
    try {
      parsed = ICAL.parse(tidied);
    } catch (error) {
      salvage(tidied, parts, errorReason(error));
    }
    if (parsed !== undefined) {
      for (const calendar of calendarsOf(parsed)) collect(calendar, parts);
      parts.veventLines = parts.vevents.map((_, i) => i);
    }
  }
  parts.veventLines = parts.veventLines.map((ordinal) => (ordinal === null ? null : (begins[ordinal] ?? null)));
  return parts;
}
