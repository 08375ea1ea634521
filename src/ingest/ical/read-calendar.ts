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

/** BOM, bare CR line ends and blank lines trip ical.js's parser; none of them carries meaning. */
function tidy(text: string, warnings: string[]): string {
  let out = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const withoutBlank = out.replace(/\n[ \t]*(?=\n)/g, '');
  if (withoutBlank.length !== out.length && /\n\s*\n\S/.test(out.trimEnd()))
    warnings.push('blank lines inside the calendar ignored');
  out = withoutBlank;
  // `RRULE:` with nothing after it (calendarlabs exports) is a rule that says nothing.
  const withoutEmptyRules = out.replace(/^(RRULE|EXRULE|RDATE|EXDATE)(;[^:\n]*)?:[ \t]*\n/gim, '');
  if (withoutEmptyRules.length !== out.length) warnings.push('empty recurrence properties ignored');
  // Google and Apple wrote DATE values without VALUE=DATE; ical.js then rejects the whole file.
  return withoutEmptyRules.replace(
    /^(DTSTART|DTEND|DUE|RECURRENCE-ID|EXDATE|RDATE)((?:;[^:\n]*)?):(\d{8}(?:,\d{8})*)[ \t]*$/gim,
    (line, name: string, params: string, value: string) =>
      /;VALUE=/i.test(params) ? line : `${name}${params};VALUE=DATE:${value}`,
  );
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

function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 80);
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
