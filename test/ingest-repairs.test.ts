import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../src/core/event.ts';
import { parseSourceBytes } from '../src/ingest/parse-source.ts';
import { calendar, rss, vevent } from './support/calendars.ts';

const OPTIONS = {
  window: { fromMs: Date.parse('2026-01-01'), toMs: Date.parse('2028-01-01') },
  nowMs: Date.parse('2026-11-27'),
  kind: null,
  topics: [],
};

async function parse(body: string | Uint8Array): Promise<{ records: EventRecord[]; warnings: string[] }> {
  const parsed = await parseSourceBytes(
    typeof body === 'string' ? new TextEncoder().encode(body) : body,
    null,
    OPTIONS,
  );
  const records = [...parsed.records];
  return { records, warnings: parsed.warnings };
}

describe('files real producers write are read, with a warning where something was repaired', () => {
  it('an RRULE whose separators are escaped (FREQ=WEEKLY\\;BYDAY=MO) expands as the rule it spells', async () => {
    const ics = calendar(
      vevent('escaped-rule', '20270104T180000Z', 'Rust evening', ['RRULE:FREQ=WEEKLY\\;BYDAY=MO\\;COUNT=4']),
    );
    const { records, warnings } = await parse(ics);
    expect(records.map((r) => r.start)).toEqual([
      '2027-01-04T18:00:00Z',
      '2027-01-11T18:00:00Z',
      '2027-01-18T18:00:00Z',
      '2027-01-25T18:00:00Z',
    ]);
    expect(warnings).toEqual(['escaped separators in RRULE repaired (1 line, first at line 9)']);
  });

  function encode(text: string, encoding: 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be', bom: boolean) {
    const codePoints = [...(bom ? '\uFEFF' : ''), ...text].map((ch) => ch.codePointAt(0)!);
    const wide = encoding.startsWith('utf-32');
    const units = wide
      ? codePoints
      : [...String.fromCodePoint(...codePoints)].flatMap((ch) => {
          const s = ch.length === 2 ? [ch.charCodeAt(0), ch.charCodeAt(1)] : [ch.charCodeAt(0)];
          return s;
        });
    const size = wide ? 4 : 2;
    const view = new DataView(new ArrayBuffer(units.length * size));
    units.forEach((unit, i) => {
      if (wide) view.setUint32(i * 4, unit, encoding.endsWith('le'));
      else view.setUint16(i * 2, unit, encoding.endsWith('le'));
    });
    return new Uint8Array(view.buffer);
  }

  const ENCODED = (['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'] as const).flatMap((encoding) =>
    [true, false].map((bom) => [`${encoding.toUpperCase()} ${bom ? 'with' : 'without'} BOM`, encoding, bom] as const),
  );

  it.each(ENCODED)('an XML feed in %s, named in its XML declaration, is read', async (_, encoding, bom) => {
    const xml = rss([
      { title: 'Rückblick 😀 日本 Rust', guid: 'wide-1', description: 'Thursday 14 January 2027, 19:00' },
    ])
      .replace('encoding="utf-8"', `encoding="${encoding.slice(0, 6).toUpperCase()}"`)
      .replace('<title>Test feed</title>', '<title>Café</title>');
    const { records, warnings } = await parse(encode(xml, encoding, bom));
    expect(records.map((r) => r.title)).toEqual(['Rückblick 😀 日本 Rust']);
    expect(warnings).toEqual(bom ? [] : [`no byte-order mark; read as ${encoding.toUpperCase()} by its byte pattern`]);
  });

  it('a UTF-16 feed whose declaration says UTF-8 is read by its bytes, and the wrong label is reported', async () => {
    const { records, warnings } = await parse(encode(rss([{ title: 'Grüße', guid: 'g' }]), 'utf-16le', true));
    expect(records.map((r) => r.title)).toEqual(['Grüße']);
    expect(warnings).toEqual(['declared utf-8 but the content is UTF-16LE; read as UTF-16LE']);
  });
});

describe('silent repairs are reported, naming what and where', () => {
  it('an event without UID is named by the line it starts on', async () => {
    const ics = calendar('BEGIN:VEVENT\r\nDTSTART:20270104T180000Z\r\nSUMMARY:No id\r\nEND:VEVENT');
    const { records, warnings } = await parse(ics);
    expect(records).toHaveLength(1);
    expect(warnings).toEqual(['1 VEVENT without UID (line 4): ids made from title and start']);
  });

  it.each([
    ['a legacy name', 'US/Eastern', /TZID "US\/Eastern" names no VTIMEZONE of the file; read as America\/New_York/],
    [
      'a Windows name',
      'W. Europe Standard Time',
      /names no VTIMEZONE of the file; read as Europe\/Berlin, its Windows zone/,
    ],
    [
      'a quoted Windows display name',
      '"Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"',
      /guessed from a Windows display name/,
    ],
    [
      'an IANA name in disguise',
      '/mozilla.org/20050126_1/Europe/Berlin',
      /read as Europe\/Berlin, guessed from its name/,
    ],
    ['a non-ASCII name', 'Europe/Zürich', /TZID "Europe\/Z\\u00fcrich" has non-ASCII characters/],
  ])(
    'a TZID that names no VTIMEZONE of the file (%s) is read as a guessed zone, reported',
    async (_, tzid, warning) => {
      const ics = calendar(
        vevent('zoned', '20270104T180000', 'Zoned', []).replace('DTSTART:', `DTSTART;TZID=${tzid}:`),
      );
      const { records, warnings } = await parse(ics);
      expect(records).toHaveLength(1);
      expect(warnings.join('\n')).toMatch(warning);
    },
  );

  it('an IANA TZID with no VTIMEZONE is no guess and is not reported', async () => {
    const ics = calendar(
      vevent('zoned', '20270104T180000', 'Zoned').replace('DTSTART:', 'DTSTART;TZID=Europe/Berlin:'),
    );
    expect((await parse(ics)).warnings).toEqual([]);
  });

  it('an invalid EXDATE value is named and ignored, the series kept', async () => {
    const ics = calendar(
      vevent('exdate', '20270104T180000Z', 'Weekly', ['RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE:20271399T180000Z']),
    );
    const { records, warnings } = await parse(ics);
    expect(records).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(/event "exdate": invalid EXDATE "2027-13-99T18:00:00Z" ignored/);
  });

  it('invalid TZOFFSET values of a VTIMEZONE in use are reported', async () => {
    const zone = [
      'BEGIN:VTIMEZONE',
      'TZID:Office',
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      'TZOFFSETFROM:-0000',
      'TZOFFSETTO:+0100',
      'END:STANDARD',
      'END:VTIMEZONE',
    ].join('\r\n');
    const ics = calendar(
      zone,
      vevent('office', '20270104T180000', 'In the office').replace('DTSTART:', 'DTSTART;TZID=Office:'),
    );
    const { records, warnings } = await parse(ics);
    expect(records).toHaveLength(1);
    expect(warnings).toEqual([
      'VTIMEZONE "Office": invalid TZOFFSETFROM -0000 (RFC 5545 3.3.14); its times are read as Office',
    ]);
  });

  it('an RRULE whose UNTIL is before DTSTART is reported; DTSTART still occurs', async () => {
    const ics = calendar(vevent('until', '20270104T180000Z', 'Once', ['RRULE:FREQ=DAILY;UNTIL=20261201T000000Z']));
    const { records, warnings } = await parse(ics);
    expect(records.map((r) => r.start)).toEqual(['2027-01-04T18:00:00Z']);
    expect(warnings).toEqual(['event "until": RRULE UNTIL is before DTSTART; only DTSTART occurs']);
  });

  it('a RECURRENCE-ID that matches no occurrence is read as a single event, reported', async () => {
    const ics = calendar(
      vevent('series', '20270104T180000Z', 'Weekly', ['RRULE:FREQ=WEEKLY;COUNT=2']),
      vevent('series', '20270106T180000Z', 'Moved', ['RECURRENCE-ID:20270106T180000Z']),
    );
    const { records, warnings } = await parse(ics);
    expect(records.map((r) => r.title)).toEqual(['Weekly', 'Weekly', 'Moved']);
    expect(warnings).toEqual([
      'event "series": RECURRENCE-ID 2027-01-06T18:00:00Z matches no occurrence of its series; read as a single event',
    ]);
  });

  it('a feed date with high-bit characters is reported and ignored, never sorted somewhere odd', async () => {
    const feed = rss([
      { title: 'Kaffeeklatsch', guid: 'k1', pubDate: 'Mi, 06 Jän 2027 10:00:00 +0100' },
      { title: 'Lesekreis', guid: 'k2', pubDate: 'Wed, 06 Jan 2027 10:00:00 +0100' },
    ]);
    const { records, warnings } = await parse(feed);
    expect(records).toHaveLength(2);
    expect(warnings).toEqual([
      '1 item with an unreadable publication date, ignored (first item "k1": "Mi, 06 J\\u00e4n 2027 10:00:00 +0100")',
    ]);
  });

  it('a warning quotes fetched text only as a short escaped excerpt', async () => {
    const hostile = `<script>alert(1)</script>\u001b[31m${'x'.repeat(500)}`;
    const ics = calendar(
      vevent(hostile, '20270104T180000Z', 'Hostile', ['RRULE:FREQ=DAILY;COUNT=2', 'EXDATE:20271399T180000Z']),
    );
    const { warnings } = await parse(ics);
    const [warning] = warnings;
    expect(warning).toMatch(
      /^event "\\u003cscript\\u003ealert\(1\)\\u003c\/script\\u003e\\u001b\[31mx+…": invalid EXDATE "2027-13-99T18:00:00Z" ignored$/,
    );
    expect(warning!.length).toBeLessThan(200);
    expect(warning).not.toMatch(/[\u001b<]/);
  });
});
