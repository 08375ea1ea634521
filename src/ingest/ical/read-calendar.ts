import ICAL from 'ical.js';
import { SourceError } from '../../core/errors.ts';
import type { JCalProperty } from './values.ts';

type JCalComponent = [string, JCalProperty[], JCalComponent[]];

export interface CalendarParts {
  vevents: JCalProperty[][];
  vtimezones: ICAL.Component[];
  properties: JCalProperty[];
  warnings: string[];
}

/**
 * BOM, bare CR line ends, blank lines, empty rules and DATE values without VALUE=DATE trip ical.js's
 * parser; none of them carries meaning. Each repair runs only when a quick test finds something to
 * repair, so a clean 3 MB calendar is not copied five times.
 */
function tidy(text: string, warnings: string[]): string {
  let out = text.replace(/^\uFEFF/, '');
  if (/\r(?!\n)/.test(out)) out = out.replace(/\r\n?/g, '\n');
  if (/\n[ \t]*\r?\n/.test(out)) {
    if (/\n[ \t]*\r?\n[ \t]*\S/.test(out.trimEnd())) warnings.push('blank lines inside the calendar ignored');
    out = out.replace(/\n[ \t]*(?=\r?\n)/g, '');
  }
  // `RRULE:` with nothing after it (calendarlabs exports) is a rule that says nothing.
  const emptyRule = /^(RRULE|EXRULE|RDATE|EXDATE)(;[^:\r\n]*)?:[ \t]*\r?\n/gim;
  if (new RegExp(emptyRule.source, 'im').test(out)) {
    out = out.replace(emptyRule, '');
    warnings.push('empty recurrence properties ignored');
  }
  // Google and Apple wrote DATE values without VALUE=DATE; ical.js then rejects the whole file.
  const bareDate =
    /^(DTSTART|DTEND|DUE|RECURRENCE-ID|EXDATE|RDATE)((?:;[^:\r\n]*)?):(\d{8}(?:,\d{8})*)[ \t]*(?=\r?$)/gim;
  if (new RegExp(bareDate.source, 'im').test(out)) {
    out = out.replace(bareDate, (line, name: string, params: string, value: string) =>
      /;VALUE=/i.test(params) ? line : `${name}${params};VALUE=DATE:${value}`,
    );
  }
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
  const lines = text.split('\n');
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
  for (const block of blocks) {
    try {
      const parsed = ICAL.parse(['BEGIN:VCALENDAR', ...header, ...block.lines, 'END:VCALENDAR', ''].join('\r\n'));
      collect(parsed as unknown as JCalComponent, parts);
    } catch {
      skipped++;
      const uid =
        block.lines.find((l) => /^UID[:;]/i.test(l))?.replace(/^UID[^:]*:/i, '') ?? `#${blocks.indexOf(block) + 1}`;
      parts.warnings.push(`skipped unreadable ${block.kind.toUpperCase()} ${uid.slice(0, 80)}`);
    }
  }
  if (parts.vevents.length === 0 && (skipped > 0 || blocks.length === 0))
    throw new SourceError('parse', `not valid iCalendar (${reason})`);
  parts.warnings.push(`calendar did not parse as a whole (${reason}); read it event by event`);
}

/** ical.js's reason without the input it quotes: an error stored on a source never echoes the fetched body. */
function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/"[^"]{4,}"/g, '"…"')
    .replace(/\s+/g, ' ')
    .slice(0, 80);
}

export function readCalendar(text: string): CalendarParts {
  const parts: CalendarParts = { vevents: [], vtimezones: [], properties: [], warnings: [] };
  const tidied = tidy(text, parts.warnings);
  if (!/BEGIN:VCALENDAR/i.test(tidied)) throw new SourceError('not_a_feed', 'no BEGIN:VCALENDAR');
  let parsed: unknown;
  try {
    parsed = ICAL.parse(tidied);
  } catch (error) {
    salvage(tidied, parts, shortReason(error));
    return parts;
  }
  const calendars = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : parsed) as JCalComponent[];
  for (const calendar of calendars) collect(calendar, parts);
  return parts;
}
