import { describe, expect, it } from 'vitest';
import { ingestSource } from '../../src/usecases/ingest-sources.ts';
import { corpusPath } from '../support/corpus.ts';
import { depsFor, tempStore } from '../support/store.ts';

// Refused whole before issue 17; now read with only DTSTART kept for the event whose rule ical.js
// refuses. The source is ok, and its stored warnings say the rule was dropped.
describe('a calendar whose RRULE ical.js refuses is ok with warnings that say the rule was dropped', () => {
  it.each([
    [
      'libical__zday.ics',
      /event "a": unreadable RRULE \(invalid BYDAY value \\"0FR\\"\) ignored; only DTSTART is read/,
    ],
    [
      'pyicalendar__issue_1081_invalid_rrule_freq.ics',
      /unreadable RRULE \(invalid frequency .*\) ignored; only DTSTART is read/,
    ],
  ])('%s', async (file, dropped) => {
    const db = tempStore();
    try {
      const location = corpusPath('malformed', file);
      const window = { fromMs: Date.parse('1990-01-01'), toMs: Date.parse('2040-01-01') };
      const report = await ingestSource(depsFor(db.store), { location }, { window, force: true });
      expect(report.status).toBe('ok');
      expect(report.warnings.join('\n')).toMatch(dropped);
      const source = await db.store.getSource(location);
      expect(source?.status).toBe('ok');
      expect(source?.lastErrorKind ?? null).toBeNull();
      expect(source?.warnings.join('\n')).toMatch(dropped);
    } finally {
      await db.cleanup();
    }
  });
});
