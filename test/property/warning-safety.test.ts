import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/core/errors.ts';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { parseSourceBytes } from '../../src/ingest/parse-source.ts';
import { readVcards } from '../../src/network/vcard.ts';
import { calendar, vevent } from '../support/calendars.ts';

const OPTIONS = {
  window: { fromMs: Date.parse('2026-01-01'), toMs: Date.parse('2028-01-01') },
  nowMs: Date.parse('2026-11-27'),
  kind: null,
  topics: [],
};

// What a warning must never carry raw: C0 and C1 controls, DEL, bidi overrides, and markup.
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069<]/;

const ZONE = (offset: string) =>
  [
    'BEGIN:VTIMEZONE',
    'TZID:Office',
    'BEGIN:STANDARD',
    'DTSTART:19701025T030000',
    `TZOFFSETFROM:${offset}`,
    'TZOFFSETTO:+0100',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');

/** Places in files of every format where fetched text ends up quoted in a warning or an error. */
const TEMPLATES: { name: string; build: (x: string) => string; vcard?: boolean }[] = [
  {
    name: 'RRULE part',
    build: (x) => calendar(vevent('r@test', '20270104T180000Z', 'Rule', [`RRULE:FREQ=MONTHLY;BYMONTHDAY=${x}`])),
  },
  {
    name: 'RRULE value refused by ical.js',
    build: (x) => calendar(vevent('r2@test', '20270104T180000Z', 'Rule', [`RRULE:FREQ=${x};BYSETPOS=-400`])),
  },
  {
    name: 'TZOFFSETFROM',
    build: (x) =>
      calendar(ZONE(x), vevent('z@test', '20270104T180000', 'Zoned').replace('DTSTART:', 'DTSTART;TZID=Office:')),
  },
  {
    name: 'TZID naming no VTIMEZONE',
    build: (x) => calendar(vevent('t@test', '20270104T180000', 'Zoned').replace('DTSTART:', `DTSTART;TZID="${x}":`)),
  },
  { name: 'UID', build: (x) => calendar(vevent(x, '20270104T180000Z', 'Uid', ['RRULE:FREQ=WEEKLY;UNTIL=2026'])) },
  {
    name: 'EXDATE',
    build: (x) => calendar(vevent('e@test', '20270104T180000Z', 'Ex', ['RRULE:FREQ=WEEKLY;COUNT=3', `EXDATE:${x}`])),
  },
  {
    name: 'RECURRENCE-ID',
    build: (x) => calendar(vevent('e@test', '20270104T180000Z', 'Moved', [`RECURRENCE-ID:${x}`])),
  },
  { name: 'DTSTART', build: (x) => calendar(vevent('d@test', x, 'Bad start')) },
  { name: 'whole calendar line', build: (x) => calendar(vevent('l@test', '20270104T180000Z', 'Line', [x])) },
  {
    name: 'RSS pubDate and guid',
    build: (x) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</title><guid>${x}</guid><pubDate>${x}</pubDate></item></channel></rss>`,
  },
  {
    name: 'XML element name',
    build: (x) => `<?xml version="1.0"?><rss><channel><title>T</title><${x}:a/></channel></rss>`,
  },
  {
    name: 'JSON Feed date and event start',
    build: (x) =>
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'T',
        items: [{ id: x, title: 'A', date_published: x, _event: { starts_at: x } }],
      }),
  },
  {
    name: 'vCard FN and a broken line',
    vcard: true,
    build: (x) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:${x}\r\nN;${x}\r\nEND:VCARD\r\n`,
  },
  {
    name: 'vCard property refused by ical.js',
    vcard: true,
    build: (x) => `BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\r\nBDAY;VALUE=${x}:${x}\r\nX-${x}:1\r\nEND:VCARD\r\n`,
  },
];

async function messagesFor(template: (typeof TEMPLATES)[number], hostile: string): Promise<string[]> {
  const text = template.build(hostile);
  if (template.vcard) return readVcards(text, defaultLexicon()).warnings;
  try {
    const parsed = await parseSourceBytes(new TextEncoder().encode(text), null, OPTIONS);
    [...parsed.records];
    return parsed.warnings;
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    return [error.message];
  }
}

const HOSTILE = [
  '\u001b[2J<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '\u0085\u009b31m\u202Eevil\u0000',
  '+01:00<b>\u0007',
];

describe('warnings and errors never echo control characters or markup of the fetched content', () => {
  it.each(TEMPLATES.flatMap((t) => HOSTILE.map((h) => [t.name, JSON.stringify(h), t, h] as const)))(
    '%s with %s',
    async (_, __, template, hostile) => {
      for (const message of await messagesFor(template, hostile)) expect(message).not.toMatch(UNSAFE);
    },
  );

  it("the reviewer's RRULE reports the refusal with its reason escaped", async () => {
    const warnings = await messagesFor(TEMPLATES[0]!, '\u001b[2J<script>');
    expect(warnings.join('\n')).toMatch(/RRULE/);
  });

  it('random hostile text in every place (400 runs)', async () => {
    const fragment = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.constantFrom(...HOSTILE),
      fc.string({
        unit: fc.constantFrom('<', '>', '\u001b', '\u0085', '\u202E', ':', ';', '=', 'a', '1', ' '),
        maxLength: 20,
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TEMPLATES), fragment, async (template, hostile) => {
        for (const message of await messagesFor(template, hostile)) expect(message).not.toMatch(UNSAFE);
      }),
      { numRuns: 400 },
    );
  });
});
