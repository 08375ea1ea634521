import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { CalendarEntry, Publication } from '../../src/core/publication.ts';
import { escapeText, foldLine } from '../../src/render/ical/content-line.ts';
import { writeCalendar } from '../../src/render/ical/write-calendar.ts';
import { expectedText } from '../support/calendars.ts';
import { itWith } from '../support/needs-component.ts';
import { runPython } from '../support/python.ts';

const HOSTILE_TITLES = [
  'a\rEND:VEVENT',
  'b\r\nEND:VCALENDAR\r\nBEGIN:VEVENT',
  'semi;colon, comma\\ backslash',
  `long ${'x'.repeat(300)}`,
  '🦀 Rust & WebAssembly 🎉 — “quoted” ünïcödé',
  `${'é'.repeat(80)}🦀${'€'.repeat(40)}`,
  'tab\there\u0000null\u0007bell',
];

function entry(i: number, title: string, extra: Partial<CalendarEntry> = {}): CalendarEntry {
  return {
    uid: `pick-${i.toString(16).padStart(16, '0')}@convene`,
    eventId: i.toString(16).padStart(16, '0'),
    title,
    start: '2026-12-03T17:30:00Z',
    end: '2026-12-03T20:00:00Z',
    allDay: false,
    location: 'c-base, Rungestraße 20; Berlin',
    url: 'https://example.org/e?a=1&b=2',
    description: `Why:\n- ${title}\r\nline two\rthree`,
    categories: ['rust', 'a,b'],
    status: 'confirmed',
    eventChangedAt: '2026-11-20T10:00:00.000Z',
    ...extra,
  };
}

const publication = (e: CalendarEntry, sequence = 0): Publication => ({
  entry: e,
  sequence,
  publishedAt: '2026-11-21T00:00:00.000Z',
  lastModified: e.eventChangedAt,
  withdrawnAt: null,
});

const header = { name: 'Convene picks for Ada; "test", \\ here', description: 'Picks, with reasons', refresh: 'PT3H' };

function hostileCalendar(): string {
  const entries = HOSTILE_TITLES.map((t, i) => publication(entry(i, t), i));
  entries.push(
    publication(
      entry(99, 'All-day conference', { allDay: true, start: '2027-06-10', end: '2027-06-12', status: 'cancelled' }),
      3,
    ),
  );
  return writeCalendar(header, entries);
}

describe('iCalendar writer', () => {
  const text = hostileCalendar();

  it('O5 ends every line with CRLF, folds at 75 octets, never splits a UTF-8 sequence, and leaks no bare CR', () => {
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75);
      expect(line).not.toMatch(/[\r\n]/);
      // A lone surrogate would mean a code point was cut in half.
      expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    // Only real component boundaries begin a line: the titles' END:VEVENT stays inside a value.
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(HOSTILE_TITLES.length + 1);
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(HOSTILE_TITLES.length + 1);
    expect(lines.filter((l) => l.startsWith('END:VCALENDAR'))).toHaveLength(1);
  });

  it('folds at the octet, not the character: a line of 3-octet characters holds 25 of them', () => {
    const folded = foldLine(`SUMMARY:${'€'.repeat(60)}`).split('\r\n');
    expect(Buffer.byteLength(folded[0]!, 'utf8')).toBeLessThanOrEqual(75);
    expect(Buffer.byteLength(folded[1]!, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded[1]!.startsWith(' ')).toBe(true);
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
  });

  it('reads back in ical.js with every title, the all-day dates, status and sequence intact', () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    // ical.js has no type for NAME or the X- name and keeps them raw, escaped the TEXT way calendar apps read them.
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Convene picks for Ada\\; "test"\\, \\\\ here');
    expect(calendar.getFirstPropertyValue('refresh-interval')?.toString()).toBe('PT3H');
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.slice(0, HOSTILE_TITLES.length).map((e) => e.summary)).toEqual(HOSTILE_TITLES.map(expectedText));
    const allDay = events.at(-1)!;
    expect(allDay.startDate.isDate).toBe(true);
    expect(allDay.startDate.toString()).toBe('2027-06-10');
    expect(allDay.endDate.toString()).toBe('2027-06-12');
    expect(allDay.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(allDay.sequence).toBe(3);
    const first = events[0]!;
    expect(first.location).toBe('c-base, Rungestraße 20; Berlin');
    expect(first.description).toBe('Why:\n- aEND:VEVENT\nline twothree');
    expect(first.component.getFirstPropertyValue('url')).toBe('https://example.org/e?a=1&b=2');
    expect(first.component.getFirstProperty('categories')?.getValues()).toEqual(['rust', 'a,b']);
    expect(first.component.getFirstPropertyValue('dtstamp')?.toString()).toBe('2026-11-20T10:00:00Z');
    expect(first.startDate.toJSDate().toISOString()).toBe('2026-12-03T17:30:00.000Z');
  });

  itWith('python3-icalendar')('reads back in Python icalendar (an independent parser) the same way', () => {
    const parsed = runPython<{ summary: string; uid: string; status: string; seq: number; start: string }[]>(
      `
import sys, json
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.buffer.read())
out = [{'summary': str(cal.get('x-wr-calname')), 'uid': str(cal.get('name')), 'status': str(cal.get('method')),
        'seq': 0, 'start': str(cal.get('x-published-ttl'))}]
for ev in cal.walk('VEVENT'):
    out.append({'summary': str(ev.get('summary')), 'uid': str(ev.get('uid')), 'status': str(ev.get('status')),
                'seq': int(ev.get('sequence')), 'start': ev.decoded('dtstart').isoformat()})
print(json.dumps(out))
`,
      text,
    );
    const calendar = parsed.shift()!;
    expect(calendar).toMatchObject({ summary: header.name, uid: header.name, status: 'PUBLISH', start: 'PT3H' });
    expect(parsed.slice(0, HOSTILE_TITLES.length).map((e) => e.summary)).toEqual(HOSTILE_TITLES.map(expectedText));
    expect(parsed.map((e) => e.uid)).toEqual([
      ...HOSTILE_TITLES.map((_, i) => `pick-${i.toString(16).padStart(16, '0')}@convene`),
      'pick-0000000000000063@convene',
    ]);
    expect(parsed.at(-1)).toMatchObject({ status: 'CANCELLED', seq: 3, start: '2027-06-10' });
    expect(parsed[0]!.start).toBe('2026-12-03T17:30:00+00:00');
  });

  it('writes the same bytes for the same entries (so the ETag holds between requests)', () => {
    expect(hostileCalendar()).toBe(text);
  });
});
