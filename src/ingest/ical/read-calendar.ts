import ICAL from 'ical.js';
import { SourceError } from '../../core/errors.ts';
import { errorReason, excerpt } from '../excerpt.ts';
import { lineAt, newlinesBetween } from '../line-count.ts';
import type { JCalProperty } from './values.ts';

type JCalComponent = [string, JCalProperty[], JCalComponent[]];

export interface CalendarParts {
  vevents: JCalProperty[][];
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

/**
 * Whether any repair below has something to do, in one scan of the file (a clean 10 MB calendar took
 * eight scans to say it needs none): the union of their tests, with the line-start anchor tried once.
 */
const NEEDS_REPAIR = new RegExp(
  `${BARE_CR.source}|${BLANK_LINE.source}|^(?:${[
    EMPTY_RULE,
    BARE_DATE,
    SPACED_NAME,
    EMPTY_PARAMETER,
    ESCAPED_RULE,
    ESCAPED_GEO,
  ]
    .map((pattern) => `(?:${pattern.source.slice(1)})`)
    .join('|')})`,
  'im',
);

/**
 * BOM, bare CR line ends, blank lines, empty rules and DATE values without VALUE=DATE trip ical.js's
 * parser; none of them carries meaning. Each repair runs only when a quick test finds something to
 * repair, so a clean 3 MB calendar is not copied five times.
 */
function tidy(text: string, warnings: string[]): string {
  let out = text.replace(/^\uFEFF/, '');
  if (!NEEDS_REPAIR.test(out)) return out;
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

export function readCalendar(text: string): CalendarParts {
  const parts: CalendarParts = {
    vevents: [],
    veventLines: [],
    vtimezones: [],
    properties: [],
    warnings: [],
    truncated: false,
  };
  const tidied = tidy(text, parts.warnings);
  const ends = tidied.match(/^END:VCALENDAR/gim)?.length ?? 0;
  if (ends < (tidied.match(/^BEGIN:VCALENDAR/gim)?.length ?? 0)) {
    parts.truncated = true;
    parts.warnings.push('the calendar ends without END:VCALENDAR (cut short?); events it no longer lists are kept');
  }
  if (!/BEGIN:VCALENDAR/i.test(tidied)) throw new SourceError('not_a_feed', 'no BEGIN:VCALENDAR');
  let parsed: unknown;
  try {
    parsed = ICAL.parse(tidied);
  } catch (error) {
    salvage(tidied, parts, errorReason(error));
  }
  if (parsed !== undefined) {
    const calendars = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed) as JCalComponent[];
    for (const calendar of calendars) collect(calendar, parts);
    parts.veventLines = parts.vevents.map((_, i) => i);
  }
  const begins = veventBeginLines(text.replace(/\r(?!\n)/g, '\n'));
  parts.veventLines = parts.veventLines.map((ordinal) => (ordinal === null ? null : (begins[ordinal] ?? null)));
  return parts;
}
