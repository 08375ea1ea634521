import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSourceBytes } from '../src/ingest/parse-source.ts';
import { ingestSource } from '../src/usecases/ingest-sources.ts';
import { calendar } from './support/calendars.ts';
import { depsFor, tempStore } from './support/store.ts';

const WINDOW = { fromMs: Date.parse('2026-11-01'), toMs: Date.parse('2027-12-01') };

/** An Outlook-style export: every all-day series ends with a date-time UNTIL, DTENDs are bare dates, one TZID is legacy. */
function outlookExport(series: number): string {
  const events = Array.from({ length: series }, (_, i) =>
    [
      'BEGIN:VEVENT',
      `UID:outlook-${i + 1}`,
      `SUMMARY:Team day ${i + 1}`,
      'DTSTART;VALUE=DATE:20270104',
      'DTEND:20270105',
      'RRULE:FREQ=WEEKLY;UNTIL=20270118T000000Z',
      'END:VEVENT',
    ].join('\r\n'),
  );
  const zoned = [
    'BEGIN:VEVENT',
    'UID:eastern',
    'SUMMARY:Call with New York',
    'DTSTART;TZID=US/Eastern:20270105T090000',
    'END:VEVENT',
  ].join('\r\n');
  return calendar(...events, zoned);
}

describe('warnings of a large export are grouped by kind, notes about the file first', () => {
  it('a 2,000-series Outlook export gives a handful of lines, and the stored warnings keep the zone guess', async () => {
    const db = tempStore();
    try {
      const location = `${db.dir}/outlook.ics`;
      writeFileSync(location, outlookExport(2000));
      const report = await ingestSource(depsFor(db.store), { location }, { window: WINDOW, force: true });
      expect(report.status).toBe('ok');
      expect(report.counts.new).toBe(2000 * 3 + 1);
      expect(report.warnings.length).toBeLessThanOrEqual(20);
      expect(report.warnings).toContain(
        '2,000 events: RRULE UNTIL is a date-time but DTSTART a date (RFC 5545 3.3.10); compared as written (first: "outlook-1", "outlook-2", "outlook-3", …)',
      );
      expect(report.warnings).toContain('DATE values without VALUE=DATE repaired (2,000 lines, first at line 8)');
      const stored = (await db.store.getSource(location))?.warnings ?? [];
      expect(stored.join('\n')).toMatch(/TZID "US\/Eastern" names no VTIMEZONE of the file; read as America\/New_York/);
      expect(stored[0]).toMatch(/US\/Eastern/);
    } finally {
      await db.cleanup();
    }
  });

  it('a JSON Feed whose 300 items carry the same unreadable event start says so once', async () => {
    const feed = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Talks',
      items: Array.from({ length: 300 }, (_, i) => ({
        id: `talk-${i + 1}`,
        title: `Talk ${i + 1}`,
        content_text: 'Thursday 14 January 2027, 19:00',
        _event: { starts_at: 'to be announced' },
      })),
    });
    const parsed = await parseSourceBytes(new TextEncoder().encode(feed), null, {
      window: WINDOW,
      nowMs: Date.parse('2026-11-27'),
      kind: null,
      topics: [],
    });
    expect([...parsed.records]).toHaveLength(300);
    expect(parsed.warnings).toEqual([
      '300 items: unreadable event start "to be announced" ignored (first: "talk-1", "talk-2", "talk-3", …)',
    ]);
  });
});
