import { describe, expect, it } from 'vitest';
import { parseSourceBytes } from '../src/ingest/parse-source.ts';
import { rss } from './support/calendars.ts';

const OPTIONS = {
  window: { fromMs: Date.parse('2026-01-01'), toMs: Date.parse('2028-01-01') },
  nowMs: Date.parse('2026-11-27'),
  kind: null,
  topics: [],
};

async function parse(bytes: Uint8Array, contentType: string | null = null) {
  const parsed = await parseSourceBytes(bytes, contentType, OPTIONS);
  return { titles: [...parsed.records].map((r) => r.title), warnings: parsed.warnings };
}

/** Text as single bytes; \u0080-\u00FF become the byte of that value (windows-1252 or Latin-1 bytes). */
function bytesOf(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => ch.charCodeAt(0)));
}

// “Rust” – it’s on: the curly quotes, dash and apostrophe as windows-1252 writes them.
const CURLY_1252 = '\u0093Rust\u0094 \u0096 it\u0092s on';
const CURLY = '“Rust” – it’s on';
const feed = (title: string, encoding: string) =>
  rss([{ title, guid: 'x', description: 'Thursday 14 January 2027, 19:00' }]).replace(
    'encoding="utf-8"',
    `encoding="${encoding}"`,
  );

describe('valid files get no false warnings from decoding', () => {
  it.each([
    ['in the XML declaration', feed(CURLY_1252, 'windows-1252'), null],
    ['in the Content-Type header', feed(CURLY_1252, 'windows-1252'), 'application/rss+xml; charset=windows-1252'],
  ])('a feed declared windows-1252 %s reads its curly quotes without a warning', async (_, xml, contentType) => {
    const { titles, warnings } = await parse(bytesOf(xml), contentType);
    expect(titles).toEqual([CURLY]);
    expect(warnings).toEqual([]);
  });

  it('C1 controls in text declared UTF-8 or Latin-1 are still repaired, and reported', async () => {
    const utf8 = await parse(new TextEncoder().encode(feed(CURLY_1252, 'utf-8')));
    expect(utf8.titles).toEqual([CURLY]);
    expect(utf8.warnings).toEqual(['4 C1 control characters read as Windows-1252 punctuation']);
    const latin1 = await parse(bytesOf(feed(CURLY_1252, 'ISO-8859-1')));
    expect(latin1.titles).toEqual([CURLY]);
    expect(latin1.warnings).toEqual(['4 C1 control characters read as Windows-1252 punctuation']);
  });

  it('a Content-Type header naming UTF-16LE needs no byte-order mark', async () => {
    const xml = feed('Grüße', 'UTF-16LE');
    const bytes = new Uint8Array(xml.length * 2);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < xml.length; i++) view.setUint16(i * 2, xml.charCodeAt(i), true);
    const { titles, warnings } = await parse(bytes, 'application/rss+xml; charset=UTF-16LE');
    expect(titles).toEqual(['Grüße']);
    expect(warnings).toEqual([]);
  });

  it('MS Word markup (<o:p>) inside CDATA is text, not an undeclared namespace; one in the markup still is', async () => {
    const withWord = rss([
      {
        title: 'Word',
        guid: 'w',
        description: '<![CDATA[<p class="MsoNormal">Thursday 14 January 2027, 19:00<o:p></o:p></p>]]>',
      },
    ]);
    expect((await parse(new TextEncoder().encode(withWord))).warnings).toEqual([]);
    const undeclared = withWord.replace('<title>Word</title>', '<title>Word</title><x:extra>1</x:extra>');
    expect((await parse(new TextEncoder().encode(undeclared))).warnings.join('\n')).toMatch(
      /undeclared XML namespace prefix "x"/,
    );
  });
});
