import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/core/errors.ts';
import { parseSourceBytes } from '../../src/ingest/parse-source.ts';
import { rss } from '../support/calendars.ts';
import { mutated } from './mutate.ts';

const OPTIONS = {
  window: { fromMs: Date.parse('2026-01-01'), toMs: Date.parse('2028-01-01') },
  nowMs: Date.parse('2026-11-27'),
  kind: null,
  topics: [],
};

const RSS = rss([
  {
    title: 'Caf&eacute; &amp; Rust',
    guid: 'a',
    link: 'https://example.org/a',
    description: 'Tuesday 12 January 2027, 19:00',
  },
  { title: '<![CDATA[<b>Bold</b> talk]]>', guid: 'b', pubDate: 'Wed, 06 Jan 2027 10:00:00 GMT' },
]);
const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Study</title><id>urn:x</id><updated>2026-11-01T00:00:00Z</updated>
<entry><title type="html">Reading &lt;b&gt;group&lt;/b&gt;</title><id>urn:e1</id><updated>2026-11-01T00:00:00Z</updated>
<link href="https://example.org/e1"/><summary>Thursday 14 January 2027</summary></entry></feed>
`;
const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Talks',
  items: [
    { id: '1', title: 'The <script> element', content_text: 'Friday 15 January 2027', url: 'https://example.org/1' },
    {
      id: 2,
      content_html: '<p>Saturday 16 January 2027</p>',
      tags: ['rust', 3],
      date_published: '2026-11-01T00:00:00Z',
    },
  ],
});

/** Parses and reads every record; the only failure allowed is a SourceError naming the problem. */
async function readAll(text: string): Promise<void> {
  try {
    const parsed = await parseSourceBytes(new TextEncoder().encode(text), null, OPTIONS);
    for (const record of parsed.records) expect(typeof record.title).toBe('string');
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    expect(error.message.length).toBeLessThan(300);
  }
}

// Bounded so that the file runs in a few seconds; a run that never settles fails after 5 s rather than hanging.
const RUNS = { xml: 300, json: 300, jsonShapes: 300 } as const;

describe('the RSS, Atom and JSON Feed mappers under random and mutated input', () => {
  it(`never crash or hang on mutated RSS and Atom (${RUNS.xml} runs)`, async () => {
    await fc.assert(fc.asyncProperty(mutated([RSS, ATOM]), readAll), { numRuns: RUNS.xml, timeout: 5_000 });
  });

  it(`never crash or hang on mutated JSON Feeds (${RUNS.json} runs)`, async () => {
    await fc.assert(fc.asyncProperty(mutated([JSON_FEED]), readAll), { numRuns: RUNS.json, timeout: 5_000 });
  });

  it(`read any JSON shape under "items" without a crash (${RUNS.jsonShapes} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 6 }),
        fc.jsonValue({ maxDepth: 3 }),
        (items, title) => readAll(JSON.stringify({ version: 'https://jsonfeed.org/version/1', title, items })),
      ),
      { numRuns: RUNS.jsonShapes, timeout: 5_000 },
    );
  });
});
