import type { Publication } from '../../core/publication.ts';
import { cleanValue, contentLine, escapeText } from './content-line.ts';

export interface CalendarHeader {
  name: string;
  description: string;
  /** How often subscribers should refresh, as an ISO 8601 duration (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
  refresh: string;
}

function stamp(iso: string): string {
  return `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;
}

function dateValue(value: string): string {
  return value.slice(0, 10).replace(/-/g, '');
}

/**
 * A subscription calendar (RFC 5545 with RFC 7986's NAME and REFRESH-INTERVAL, plus the X-WR and
 * X-PUBLISHED-TTL names Apple, Google and Outlook read). Times are UTC or plain dates, so no
 * VTIMEZONE is needed; DTSTAMP is the entry's last change, never the time of the request, so an
 * unchanged calendar is byte for byte the same and its ETag holds.
 */
export function writeCalendar(header: CalendarHeader, publications: Publication[]): string {
  let out =
    'BEGIN:VCALENDAR\r\n' +
    'VERSION:2.0\r\n' +
    'PRODID:-//Convene//Convene picks//EN\r\n' +
    'CALSCALE:GREGORIAN\r\n' +
    'METHOD:PUBLISH\r\n' +
    contentLine('NAME', escapeText(header.name)) +
    contentLine('X-WR-CALNAME', escapeText(header.name)) +
    contentLine('DESCRIPTION', escapeText(header.description)) +
    contentLine('X-WR-CALDESC', escapeText(header.description)) +
    `REFRESH-INTERVAL;VALUE=DURATION:${header.refresh}\r\n` +
    `X-PUBLISHED-TTL:${header.refresh}\r\n`;
  for (const { entry, sequence, lastModified } of publications) {
    out += 'BEGIN:VEVENT\r\n';
    out += contentLine('UID', cleanValue(entry.uid));
    out += `DTSTAMP:${stamp(lastModified)}\r\n`;
    out += `LAST-MODIFIED:${stamp(lastModified)}\r\n`;
    out += `SEQUENCE:${sequence}\r\n`;
    out += `STATUS:${entry.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}\r\n`;
    if (entry.allDay) {
      out += `DTSTART;VALUE=DATE:${dateValue(entry.start)}\r\n`;
      if (entry.end) out += `DTEND;VALUE=DATE:${dateValue(entry.end)}\r\n`;
    } else {
      out += `DTSTART:${stamp(entry.start)}\r\n`;
      if (entry.end && entry.end > entry.start) out += `DTEND:${stamp(entry.end)}\r\n`;
    }
    out += contentLine('SUMMARY', escapeText(entry.title));
    if (entry.location) out += contentLine('LOCATION', escapeText(entry.location));
    if (entry.url) out += contentLine('URL', cleanValue(entry.url));
    out += contentLine('DESCRIPTION', escapeText(entry.description));
    if (entry.categories.length > 0) out += contentLine('CATEGORIES', entry.categories.map(escapeText).join(','));
    // Suggestions, not commitments: they should not make the user look busy to colleagues.
    out += 'TRANSP:TRANSPARENT\r\n';
    out += 'END:VEVENT\r\n';
  }
  return `${out}END:VCALENDAR\r\n`;
}
