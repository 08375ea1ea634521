import { describe, expect, it } from 'vitest';
import { parseIcs } from '../../src/ingest/ical/parse-ics.ts';
import { calendar, vevent } from '../support/calendars.ts';

const OPTIONS = {
  window: { fromMs: Date.parse('2026-01-01'), toMs: Date.parse('2028-01-01') },
  nowMs: Date.parse('2026-11-27'),
  kind: null,
  topics: [],
};

/** Read as a calendar whatever its first line (format detection wants that line intact). */
function parse(text: string) {
  const parsed = parseIcs(text, OPTIONS);
  const starts = [...parsed.records].map((r) => r.start);
  return { starts, warnings: parsed.warnings };
}

// The scan that tells whether a file needs any repair finds line starts by the break before them; the
// first line has none, and must still be seen.
describe('the scan for lines to repair', () => {
  it('sees a flaw on the first line, which no line break precedes', () => {
    const ics = calendar(vevent('first-line', '20270104T180000Z', 'Rust evening')).replace(
      /^BEGIN:VCALENDAR/,
      'BEGIN :VCALENDAR',
    );
    const { starts, warnings } = parse(ics);
    expect(starts).toEqual(['2027-01-04T18:00:00Z']);
    expect(warnings).toEqual(['whitespace in property names or parameters repaired (1 line, first at line 1)']);
  });

  it('sees a flaw on a later line, after CRLF or LF breaks', () => {
    for (const lineEnd of ['\r\n', '\n']) {
      const ics = calendar(vevent('later-line', '20270104T180000Z', 'Rust evening', ['X-NOTE ;LANG=en:hi']))
        .split('\r\n')
        .join(lineEnd);
      const { starts, warnings } = parse(ics);
      expect(starts).toEqual(['2027-01-04T18:00:00Z']);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /^whitespace in property names or parameters repaired \(1 line, first at line \d+\)$/,
      );
    }
  });
});
