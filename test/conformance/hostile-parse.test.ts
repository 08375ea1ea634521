import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../src/core/errors.ts';
import type { EventRecord } from '../../src/core/event.ts';
import { TEXT_LIMITS } from '../../src/core/event.ts';
import { MAX_FEED_ITEMS } from '../../src/ingest/feed/parse-feed.ts';
import { SERIES_LIMITS } from '../../src/ingest/ical/expand.ts';
import { parseSourceBytes } from '../../src/ingest/parse-source.ts';
import { ingestSource } from '../../src/usecases/ingest-sources.ts';
import { calendar, rss, vevent } from '../support/calendars.ts';
import { corpusPath } from '../support/corpus.ts';
import { startServer, type TestServer } from '../support/http-server.ts';
import { depsFor, tempStore } from '../support/store.ts';

/**
 * The parse rows (P1..P17) of shared/docs/hostile-inputs.md, one test each, named by row id. P18
 * (parsing off the API's thread) is tested with the server.
 */
const WINDOW = { fromMs: Date.parse('2026-01-01'), toMs: Date.parse('2028-01-01') };
const OPTIONS = { window: WINDOW, nowMs: Date.parse('2026-11-27'), kind: null, topics: [] };
const ALL = {
  fromMs: Date.parse('1900-01-01'),
  toMs: Date.parse('2200-01-01'),
  includeUndated: true,
  includeCancelled: true,
};

async function parse(body: string | Uint8Array): Promise<{ records: EventRecord[]; warnings: string[] }> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const parsed = await parseSourceBytes(bytes, null, OPTIONS);
  return { records: [...parsed.records], warnings: parsed.warnings };
}

async function parseError(body: string): Promise<SourceError> {
  try {
    await parse(body);
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('expected a SourceError');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('hostile inputs to the parsers (hostile-inputs.md, section 3.2)', () => {
  it('P1 a 20,000-event calendar is read in full, and no code builds ical.js events the quadratic way', async () => {
    const events = Array.from({ length: 20_000 }, (_, i) =>
      vevent(
        `bulk-${i}@test`,
        `2027${String((i % 12) + 1).padStart(2, '0')}10T${String(i % 24).padStart(2, '0')}0000Z`,
        `Talk ${i}`,
      ),
    );
    const { records, warnings } = await parse(calendar(...events));
    expect(records).toHaveLength(20_000);
    expect(warnings).toEqual([]);
    // `new ICAL.Event(component)` without explicit exceptions rescans the calendar per event (O(n^2)).
    const src = join(import.meta.dirname, '..', '..', 'src');
    for (const file of sourceFiles(src)) expect(readFileSync(file, 'utf8'), file).not.toMatch(/new ICAL\.Event\(/);
  });

  it.each([
    ['FREQ=SECONDLY without end', 'RRULE:FREQ=SECONDLY'],
    ['COUNT=1000000000', 'RRULE:FREQ=MINUTELY;COUNT=1000000000'],
  ])('P2 %s expands to at most the per-series cap, with a warning', async (_, rule) => {
    const { records, warnings } = await parse(calendar(vevent('storm@test', '20270101T000000Z', 'Storm', [rule])));
    expect(records.length).toBeGreaterThan(0);
    expect(records.length).toBeLessThanOrEqual(SERIES_LIMITS.maxOccurrences + 1);
    expect(warnings.join('\n')).toMatch(/the rest are left out|stopped at its limit/);
  });

  it.each([
    ['INTERVAL=0', 'RRULE:FREQ=DAILY;INTERVAL=0'],
    ['BYSETPOS out of range (ical.js #509)', 'RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-400'],
    ['30 February every year', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'],
    ['BYDAY beyond the month (libical #140)', 'RRULE:FREQ=MONTHLY;BYDAY=+5MO;BYMONTH=2;COUNT=5'],
    ['weekly with BYYEARDAY (ical.js #318)', 'RRULE:FREQ=WEEKLY;BYYEARDAY=366'],
    ['daily on the last day of the month', 'RRULE:FREQ=DAILY;BYMONTHDAY=-1'],
    ['daily on weekdays at the end of the month', 'RRULE:FREQ=DAILY;BYDAY=WE,FR;BYMONTHDAY=-1;UNTIL=20270620'],
    ['hourly on the second-to-last day', 'RRULE:FREQ=HOURLY;BYMONTHDAY=-2'],
    ['weekly with BYWEEKNO', 'RRULE:FREQ=WEEKLY;BYWEEKNO=20'],
  ])('P3 the pathological rule %s ends, with the first occurrence kept', async (_, rule) => {
    const { records } = await parse(calendar(vevent('odd@test', '20270101T090000Z', 'Odd rule', [rule])));
    expect(records.length).toBeGreaterThanOrEqual(1);
    expect(records.length).toBeLessThanOrEqual(SERIES_LIMITS.maxOccurrences + 1);
    expect(records[0]?.start).toBe('2027-01-01T09:00:00Z');
  });

  it('P3 a rule ical.js would step forever inside one step is ignored, and the warning says why', async () => {
    const { records, warnings } = await parse(
      calendar(
        vevent('end@test', '20270101T090000Z', 'Month end', ['RRULE:FREQ=DAILY;BYMONTHDAY=-1']),
        vevent('week@test', '20270102T090000Z', 'Week 20', ['RRULE:FREQ=WEEKLY;BYWEEKNO=20']),
        vevent('fine@test', '20270103T090000Z', 'Monthly end', ['RRULE:FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3']),
      ),
    );
    const text = warnings.join('\n');
    expect(text).toMatch(/end@test.*FREQ=DAILY counts BYMONTHDAY from the end of the month.*ignored/);
    expect(text).toMatch(/week@test.*BYWEEKNO without FREQ=YEARLY.*ignored/);
    // A monthly rule counting from the month's end is stepped as before.
    expect(records.filter((r) => r.uid === 'fine@test').map((r) => r.start)).toEqual(
      expect.arrayContaining(['2027-01-31T09:00:00Z', '2027-02-28T09:00:00Z']),
    );
    expect(records.filter((r) => r.uid !== 'fine@test')).toHaveLength(2);
  });

  it.each([
    ['month 13', '20271301T100000Z'],
    ['30 February', '20270230T100000Z'],
    ['year 99999', '999990101T100000Z'],
    ['garbage', 'tomorrow-ish'],
  ])('P4 an invalid date (%s) skips its event with a warning; the valid sibling is kept', async (_, date) => {
    const { records, warnings } = await parse(
      calendar(vevent('bad@test', date, 'Bad date'), vevent('good@test', '20270301T100000Z', 'Good date')),
    );
    expect(records.map((r) => r.uid)).toEqual(['good@test']);
    expect(warnings.join('\n')).toMatch(/event "bad@test": invalid DTSTART, skipped/);
  });

  it('P5 no DTSTART skips with a warning, an unknown TZID is read as UTC and reported, a DATE without VALUE=DATE is a date, reported', async () => {
    const ics = calendar(
      'BEGIN:VEVENT\r\nUID:no-start@test\r\nSUMMARY:No start\r\nEND:VEVENT',
      vevent('unknown-zone@test', '20270301T100000', 'Somewhere').replace(
        'DTSTART:',
        'DTSTART;TZID=Mars/Olympus_Mons:',
      ),
      vevent('bare-date@test', '20270302', 'All day'),
    );
    const { records, warnings } = await parse(ics);
    expect(records.map((r) => [r.uid, r.start, r.allDay])).toEqual([
      ['unknown-zone@test', '2027-03-01T10:00:00Z', false],
      ['bare-date@test', '2027-03-02', true],
    ]);
    expect(warnings).toEqual([
      'unknown time zone "Mars/Olympus_Mons": its times are read as UTC',
      'DATE values without VALUE=DATE repaired (1 line, first at line 17)',
      'event "no-start@test": no DTSTART, skipped',
    ]);
  });

  it('P6 a calendar cut at any of 10 offsets never replaces the stored events with a partial set', async () => {
    const good = readFileSync(corpusPath('ics', 'ical4j__EstoniaHolidays.ics'), 'utf8');
    const db = tempStore();
    try {
      const location = join(db.dir, 'cal.ics');
      const ingest = async (text: string) => {
        writeFileSync(location, text);
        return ingestSource(
          depsFor(db.store),
          { location },
          { window: { fromMs: ALL.fromMs, toMs: ALL.toMs }, force: true },
        );
      };
      await ingest(good);
      const before = await db.store.listEvents(ALL);
      expect(before.length).toBeGreaterThan(50);
      for (let i = 1; i <= 10; i++) {
        const report = await ingest(good.slice(0, Math.floor((good.length * i) / 11)));
        const detail = JSON.stringify(report.error ?? report.warnings);
        if (report.status !== 'error') expect(report.warnings.join('\n'), detail).toMatch(/ends without END:VCALENDAR/);
        else expect(report.error?.kind, detail).toBe('parse');
        const after = await db.store.listEvents({ ...ALL, includeCancelled: false });
        expect(after.length, `cut ${i}`).toBe(before.length);
      }
    } finally {
      await db.cleanup();
    }
  });

  it('P7 a UTF-8 BOM with LF or bare CR line ends reads exactly like the CRLF file', async () => {
    const crlf = calendar(vevent('bom@test', '20270301T100000Z', 'Café night'));
    const expected = (await parse(crlf)).records;
    expect(expected).toHaveLength(1);
    for (const variant of [`\uFEFF${crlf.replace(/\r\n/g, '\n')}`, `\uFEFF${crlf.replace(/\r\n/g, '\r')}`])
      expect((await parse(variant)).records).toEqual(expected);
  });

  it('P8 a Latin-1 feed declared in its XML prolog reads "Café"; invalid UTF-8 is read and flagged', async () => {
    const latin1 = rss([{ title: 'Café', guid: 'l1' }]).replace('encoding="utf-8"', 'encoding="ISO-8859-1"');
    const bytes = Uint8Array.from([...latin1].map((ch) => ch.charCodeAt(0)));
    expect((await parse(bytes)).records.map((r) => r.title)).toEqual(['Café']);
    const undeclared = Uint8Array.from([...rss([{ title: 'Café', guid: 'l2' }])].map((ch) => ch.charCodeAt(0)));
    const { records, warnings } = await parse(undeclared);
    expect(records.map((r) => r.title)).toEqual(['Café']);
    expect(warnings).toContain('not valid UTF-8; read as windows-1252');
  });

  describe('P9', () => {
    let canary: TestServer;
    beforeAll(async () => {
      canary = await startServer((_, res) => res.end('CANARY-SECRET'));
    });
    afterAll(() => canary.close());

    it('P9 billion laughs and XXE are never expanded or fetched', async () => {
      const laughs = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE rss [',
        '<!ENTITY lol "lol">',
        ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i ? i : ''};`.repeat(10)}">`),
        `<!ENTITY xxe SYSTEM "file:///etc/passwd">`,
        `<!ENTITY remote SYSTEM "${canary.url}/xxe">`,
        ']>',
        '<rss version="2.0"><channel><title>t</title>',
        '<item><title>&lol9; &xxe; &remote;</title><guid>x</guid></item></channel></rss>',
      ].join('\n');
      let text = '';
      try {
        const { records } = await parse(laughs);
        text = JSON.stringify(records);
      } catch (error) {
        expect(error).toBeInstanceOf(SourceError);
      }
      expect(text.length).toBeLessThan(10_000);
      expect(text).not.toMatch(/root:|CANARY-SECRET|lollollol/);
      expect(canary.requests).toHaveLength(0);
    });
  });

  it('P10 HTML entities in RSS keep every item', async () => {
    const feed = rss([
      { title: 'Caf&eacute;&nbsp;meetup', guid: 'e1' },
      { title: 'Rust &mdash; &hellip; and more', guid: 'e2' },
      { title: 'Plain', guid: 'e3' },
    ]);
    const { records, warnings } = await parse(feed);
    expect(records.map((r) => r.title)).toEqual(['Café meetup', 'Rust — … and more', 'Plain']);
    expect(warnings.join('\n')).toMatch(/HTML entities or bare ampersands repaired/);
  });

  it('P11 a 10 MB title is cut to the field cap; 50,000-deep nesting and 100,000 attributes do not crash', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const attributes = Array.from({ length: 100_000 }, (_, i) => `a${i}="${i}"`).join(' ');
    const deep = `${'<x>'.repeat(50_000)}${'</x>'.repeat(50_000)}`;
    const feed = rss([{ title: `<![CDATA[${huge}]]>`, guid: 'big' }]).replace(
      '</channel>',
      `<item><title ${attributes}>Attributes</title><guid>attrs</guid><deep>${deep}</deep></item></channel>`,
    );
    const { records } = await parse(feed);
    expect(records.map((r) => r.uid)).toEqual(['big', 'attrs']);
    expect(records[0]!.title.length).toBeLessThanOrEqual(TEXT_LIMITS.title);
  });

  it('P12 a feed with more items than the cap keeps the first (newest) 5,000 and says so', async () => {
    const items = Array.from({ length: MAX_FEED_ITEMS + 1_000 }, (_, i) => ({ title: `Post ${i}`, guid: `p${i}` }));
    const { records, warnings } = await parse(rss(items));
    expect(records).toHaveLength(MAX_FEED_ITEMS);
    expect(records[0]?.uid).toBe('p0');
    expect(warnings).toContain(`${MAX_FEED_ITEMS + 1_000} items; only the first ${MAX_FEED_ITEMS} are read`);
  });

  it('P13 a title with attributes and markup, repeated links and a missing guid are normalised, never crash', async () => {
    const feed = rss([]).replace(
      '</channel>',
      [
        '<item><title type="html">Typed <b>title</b></title><link>https://example.org/a</link><link>https://example.org/b</link></item>',
        '<item><title><b>Element</b> title</title><link>https://example.org/c</link></item>',
        '</channel>',
      ].join(''),
    );
    const { records } = await parse(feed);
    expect(records.map((r) => [r.uid, r.url])).toEqual([
      ['https://example.org/a', 'https://example.org/a'],
      ['https://example.org/c', 'https://example.org/c'],
    ]);
    for (const record of records) expect(typeof record.title).toBe('string');
  });

  it('P14 prototype-pollution keys in XML, iCalendar parameters and JSON leave Object.prototype untouched', async () => {
    const own = () => Object.getOwnPropertyNames(Object.prototype).sort();
    const before = own();
    await parse(
      rss([{ title: 'x', guid: 'x' }]).replace(
        '</channel>',
        '<__proto__ polluted="1"><polluted>1</polluted></__proto__><constructor><prototype>1</prototype></constructor></channel>',
      ),
    );
    await parse(
      calendar(
        vevent('p@test', '20270301T100000Z', 'x').replace('DTSTART:', 'DTSTART;__proto__=polluted;constructor=x:'),
      ),
    );
    await parse(
      '{"version":"https://jsonfeed.org/version/1.1","__proto__":{"polluted":1},"items":[{"id":"1","title":"x","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}]}',
    );
    await parse(
      '[{"name":"C","startDate":"2027-03-01","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}]',
    );
    expect(own()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('P15 a garbage or year-99999 date is stored as no date with a warning, never sorted to the top', async () => {
    const feed = rss([
      { title: 'Garbage date', guid: 'g1', pubDate: 'the other day' },
      { title: 'Far future', guid: 'g2', pubDate: 'Fri, 01 Jan 99999 00:00:00 GMT' },
    ]).replace('<guid>g2</guid>', '<guid>g2</guid><ev:startdate>99999-01-01</ev:startdate>');
    const { records, warnings } = await parse(
      feed.replace('<rss version="2.0"', '<rss version="2.0" xmlns:ev="http://purl.org/rss/1.0/modules/event/"'),
    );
    expect(records.map((r) => [r.uid, r.start])).toEqual([
      ['g1', null],
      ['g2', null],
    ]);
    expect(warnings.join('\n')).toMatch(/2 items with an unreadable publication date, ignored/);
    expect(warnings.join('\n')).toMatch(/item "g2": unreadable event start "99999-01-01" ignored/);
  });

  it('P16 duplicate UIDs and guids in one source are stored once, the last one winning, with RECURRENCE-ID overrides kept apart', async () => {
    const db = tempStore();
    try {
      const ics = join(db.dir, 'dup.ics');
      writeFileSync(
        ics,
        calendar(
          vevent('dup@test', '20270301T100000Z', 'First', ['RRULE:FREQ=WEEKLY;COUNT=2']),
          vevent('dup@test', '20270308T120000Z', 'Moved', ['RECURRENCE-ID:20270308T100000Z']),
        ),
      );
      const feed = join(db.dir, 'dup.xml');
      writeFileSync(
        feed,
        rss([
          { title: 'Old title', guid: 'same', description: 'Tuesday 2 March 2027' },
          { title: 'New title', guid: 'same', description: 'Tuesday 2 March 2027' },
        ]),
      );
      for (const location of [ics, feed]) {
        const report = await ingestSource(depsFor(db.store), { location }, { window: WINDOW, force: true });
        expect(report.status, JSON.stringify(report.error)).toBe('ok');
      }
      const events = await db.store.listEvents(ALL);
      expect(events.map((e) => [e.uid, e.title, e.start])).toEqual([
        ['dup@test', 'First', '2027-03-01T10:00:00Z'],
        ['same', 'New title', '2027-03-02'],
        ['dup@test', 'Moved', '2027-03-08T12:00:00Z'],
      ]);
    } finally {
      await db.cleanup();
    }
  });

  it('P17 JSON sources: 50,000-deep nesting is a clean error, wrong types read as absent, ids as strings', async () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const error = await parseError(deep);
    expect(error.kind).toBe('not_a_feed');
    expect(error.message.length).toBeLessThan(120);
    const deepFeed = `{"version":"https://jsonfeed.org/version/1.1","items":[{"id":1,"title":{"x":${'['.repeat(50_000)}${']'.repeat(50_000)}},"url":["https://example.org/a"]},{"id":2,"title":"Fine"}]}`;
    const { records } = await parse(deepFeed);
    expect(records.map((r) => [r.uid, r.title])).toEqual([['2', 'Fine']]);
  });
});

describe('found by the property tests', () => {
  // Four feeds as fast-check mutated them; with one rss-parser instance shared across feeds, the
  // fourth (a well-formed feed cut short) never settled, and nor did any feed after it.
  const SEQUENCE = [
    '<item><title>Caf&#233; &amp; Rust</title><link>https://example.or\\g/a</link><guid>a</guid><description>Tuesday 12 January 2027, 19:00</description></item>\n 1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Test feed</title><link>https://example.org/</link>\n<\ud91e\udd6c\u000f\udbfc\udc54\udbcc\ude74\u0012\udabe\ude7d\ud9f5\udff0\ud857\uded4?xml version="\n',
    '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><tlink>https://example.org/</link>\n<item><title>Caf&#233; &amp; Rust</title><link>https://example.org/a</link><guid>a</guid><description>Tuesday 12 January 2027, 19:00</description></item>\n<item><title><![CDATA[<b>Bold</b> talk]]></title><guid>b</guid><pubDate>Wed, 06 Jan 2027 10:00:00 GMT</pubDate></item>\n</channel></rss>\n',
    '<entry><title type="html">Reading &lt;b&gt;group&lt;/b&gt;</title><id>urn:e1</id><updated>2026-11-01T00:00:00Z</updated>\n<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Study</title><id>urn:x</id><updated>2026-11-01T00:00:00Z</updated>\n<?xml version="1.0" encoding="utf-8"?>\n<link href="https://example.org/e1"/><summary>Thursday 14 January 2027</summary></entry></feed>',
    '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Test feed</title><link>https://example.org/</link>\n<item><title>Caf&#233; &amp; Rust</title><link>https://example.org/a</link><guid>a</guid><description>Tuesday 12 January 2027, 19:00</description></item>\n<item><title><![CDATA[<b>Bold</b> talk]]></title><guid>b</guid><pubDate>Wed, 06 Jan 2027 10:00:00 GMT</pubDate></item>\n',
  ];

  it('a malformed feed never leaves the XML parser unable to answer for the next feed', async () => {
    const settled: string[] = [];
    for (const text of SEQUENCE) {
      const outcome = parse(text).then(
        () => 'read',
        (error: unknown) => (error instanceof SourceError ? 'refused' : 'crashed'),
      );
      const late = new Promise<string>((resolve) => setTimeout(() => resolve('never settled'), 5_000));
      settled.push(await Promise.race([outcome, late]));
    }
    expect(settled).not.toContain('never settled');
    expect(settled).not.toContain('crashed');
  });
});
