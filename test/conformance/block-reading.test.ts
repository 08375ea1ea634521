import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/ingest/decode.ts';
import { parseIcs } from '../../src/ingest/ical/parse-ics.ts';
import { corpusFiles, corpusPath } from '../support/corpus.ts';

const DAY_MS = 86_400_000;
const NOW_MS = Date.parse('2026-12-01T00:00:00Z');

/** Everything a reading hands on: records in order, warnings once they are all out, what it says of the file. */
function reading(text: string, byBlocks: boolean) {
  const outside: number[] = [];
  const parsed = parseIcs(
    text,
    {
      // Wide, so that series of past years' calendars are expanded too.
      window: { fromMs: NOW_MS - 30 * 365 * DAY_MS, toMs: NOW_MS + 2 * 365 * DAY_MS },
      nowMs: NOW_MS,
      kind: null,
      topics: [],
      onOutsideWindow: (ms) => outside.push(ms),
    },
    { byBlocks },
  );
  const records = [...parsed.records];
  return {
    records,
    warnings: parsed.warnings,
    title: parsed.title,
    refreshMinutes: parsed.refreshMinutes,
    truncated: parsed.truncated,
    outside,
  };
}

function readingOrError(text: string, byBlocks: boolean) {
  try {
    return reading(text, byBlocks);
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

const calendars = [
  ...corpusFiles('ics').map((file) => ['ics', file] as const),
  ...corpusFiles('malformed')
    .filter((file) => file.endsWith('.ics'))
    .map((file) => ['malformed', file] as const),
];

describe('reading a calendar VEVENT by VEVENT gives what reading the whole file gives', () => {
  it('covers the corpus calendars, broken ones included', () => {
    expect(calendars.length).toBeGreaterThanOrEqual(100);
  });

  it.each(calendars)('%s/%s', (folder, file) => {
    const text = decodeBytes(readFileSync(corpusPath(folder, file)), 'text/calendar').text;
    expect(readingOrError(text, true)).toEqual(readingOrError(text, false));
  });
});

const HEADER = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'X-PUBLISHED-TTL:PT2H', 'X-WR-CALNAME:Blocks'];

function vevent(uid: string, start: string, extra: string[] = []): string[] {
  return ['BEGIN:VEVENT', `UID:${uid}`, `DTSTART:${start}`, 'SUMMARY:Rust meetup', ...extra, 'END:VEVENT'];
}

describe('a VEVENT ical.js refuses, met while reading block by block', () => {
  // The one broken line (no ":") makes ical.js refuse the whole file: the salvage reading decides, as before.
  const calendar = [
    ...HEADER,
    ...vevent('past@x', '19800101T100000Z'),
    ...vevent('a@x', '20261210T180000Z', ['RRULE:FREQ=WEEKLY;COUNT=3']),
    ...vevent('b@x', '20261211T180000Z', ['THIS LINE IS BROKEN']),
    ...vevent('c@x', '20261212T180000Z', ['RRULE:FREQ=SOMETIMES']),
    'END:VCALENDAR',
    '',
  ].join('\r\n');

  it('reads the file as the whole-file reading does, its salvage warnings included', () => {
    const blocks = reading(calendar, true);
    expect(blocks).toEqual(reading(calendar, false));
    expect(blocks.warnings.some((w) => w.includes('did not parse as a whole'))).toBe(true);
    expect(blocks.records.map((r) => r.uid)).toEqual(['a@x', 'a@x', 'a@x', 'c@x']);
    // Told once of the past event, though a first reading block by block had met it before the broken block.
    expect(blocks.outside).toEqual([Date.parse('1980-01-01T10:00:00Z')]);
    // Salvage reads only the header lines it knows: X-PUBLISHED-TTL is not among them.
    expect(blocks.refreshMinutes).toBeNull();
  });

  it('hands on no record of the first reading when it falls back', () => {
    const clean = calendar.replace('THIS LINE IS BROKEN\r\n', '').replace('RRULE:FREQ=SOMETIMES\r\n', '');
    const blocks = reading(clean, true);
    expect(blocks).toEqual(reading(clean, false));
    expect(blocks.refreshMinutes).toBe(120);
    expect(blocks.records.map((r) => r.uid)).toEqual(['a@x', 'a@x', 'a@x', 'b@x', 'c@x']);
  });
});

describe('calendars the cut into blocks must not read differently', () => {
  const calendarOf = (...lines: string[]) => [...HEADER, ...lines, 'END:VCALENDAR', ''].join('\r\n');
  const cases: [string, string][] = [
    [
      // Blocks and zone names of Latin-1 text are copied narrow where the file holds a wider character.
      'a file with a character beyond Latin-1 in one event, Latin-1 and ASCII in the others, zoned',
      calendarOf(
        'BEGIN:VTIMEZONE',
        'TZID:Europe/Zürich-Local',
        'BEGIN:STANDARD',
        'DTSTART:19701025T030000',
        'TZOFFSETFROM:+0200',
        'TZOFFSETTO:+0100',
        'END:STANDARD',
        'END:VTIMEZONE',
        ...vevent('wide–uid@x', '20261210T180000Z', ['DESCRIPTION:Talks – and more', 'RRULE:FREQ=WEEKLY;COUNT=2']),
        'BEGIN:VEVENT',
        'UID:café@x',
        'DTSTART;TZID=Europe/Zürich-Local:20261211T180000',
        'SUMMARY:Café meetup',
        'LOCATION:Rungestraße 20, Berlin',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:plain@x',
        'DTSTART;TZID=Europe/Berlin:20261212T180000',
        'SUMMARY:Plain meetup – with a dash',
        'END:VEVENT',
        ...vevent('ascii@x', '20261213T180000Z'),
      ),
    ],
    [
      'a VALARM with a UID of its own before the UID of its event',
      calendarOf(
        'BEGIN:VEVENT',
        'BEGIN:VALARM',
        'UID:alarm-1',
        'ACTION:DISPLAY',
        'TRIGGER:-PT15M',
        'END:VALARM',
        'UID:event-1',
        'DTSTART:20261210T180000Z',
        'SUMMARY:With an alarm',
        'END:VEVENT',
      ),
    ],
    [
      'a UID with parameters',
      calendarOf(...vevent('x', '20261210T180000Z').map((l) => l.replace('UID:x', 'UID;X-A=1:p@x'))),
    ],
    ['an escaped UID', calendarOf(...vevent('a\\,b@x', '20261210T180000Z'))],
    [
      'a folded UID',
      calendarOf(...vevent('fold', '20261210T180000Z').map((l) => l.replace('UID:fold', 'UID:fo\r\n ld@x'))),
    ],
    ['a blank UID', calendarOf(...vevent(' ', '20261210T180000Z'))],
    ['no UID', calendarOf(...vevent('gone', '20261210T180000Z').filter((l) => !l.startsWith('UID')))],
    [
      'lower-case component lines',
      calendarOf(
        ...vevent('lower@x', '20261210T180000Z').map((l) => l.replace(/^(BEGIN|END):VEVENT$/, (m) => m.toLowerCase())),
      ),
    ],
    [
      '"BEGIN:VEVENT " with a trailing space',
      calendarOf(...vevent('space@x', '20261210T180000Z').map((l) => (l === 'BEGIN:VEVENT' ? 'BEGIN:VEVENT ' : l))),
    ],
    [
      'a folded BEGIN:VEVENT line',
      calendarOf(
        ...vevent('folded@x', '20261210T180000Z').map((l) => (l === 'BEGIN:VEVENT' ? 'BEGIN:VEV\r\n ENT' : l)),
      ),
    ],
    [
      'a VTODO inside a VEVENT',
      calendarOf(...vevent('todo@x', '20261210T180000Z', ['BEGIN:VTODO', 'UID:inner', 'END:VTODO'])),
    ],
    [
      'an END:VEVENT closing a VALARM',
      calendarOf('BEGIN:VEVENT', 'UID:odd@x', 'DTSTART:20261210T180000Z', 'BEGIN:VALARM', 'END:VEVENT', 'END:VALARM'),
    ],
    ['no END:VCALENDAR', [...HEADER, ...vevent('cut@x', '20261210T180000Z'), ''].join('\r\n')],
    [
      'two calendars in one file',
      [
        calendarOf(...vevent('one@x', '20261210T180000Z')),
        [...HEADER, 'X-WR-TIMEZONE:Europe/Berlin', ...vevent('two@x', '20261211T180000'), 'END:VCALENDAR', ''].join(
          '\r\n',
        ),
      ].join(''),
    ],
    [
      'a VEVENT outside any VCALENDAR',
      `${calendarOf(...vevent('in@x', '20261210T180000Z'))}${vevent('out@x', '20261211T180000Z').join('\r\n')}\r\n`,
    ],
    [
      'a RECURRENCE-ID across the file',
      calendarOf(
        ...vevent('moved@x', '20261215T180000Z', ['RECURRENCE-ID:20261217T180000Z']),
        ...vevent('other@x', '20261210T180000Z'),
        ...vevent('moved@x', '20261210T180000Z', ['RRULE:FREQ=WEEKLY;COUNT=4']),
      ),
    ],
  ];

  it.each(cases)('%s', (_, text) => {
    expect(readingOrError(text, true)).toEqual(readingOrError(text, false));
  });
});
