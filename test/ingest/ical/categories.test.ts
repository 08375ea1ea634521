import { describe, expect, it } from 'vitest';
import { TEXT_LIMITS } from '../../../src/core/event.ts';
import { parseIcs } from '../../../src/ingest/ical/parse-ics.ts';
import { cleanText } from '../../../src/ingest/text.ts';
import { calendar, vevent } from '../../support/calendars.ts';

const OPTIONS = {
  window: { fromMs: Date.UTC(2026, 0, 1), toMs: Date.UTC(2028, 0, 1) },
  nowMs: Date.UTC(2026, 10, 27),
  kind: null,
  topics: [],
};

describe('CATEGORIES read as topics', () => {
  it('gives every event the topics its own parts clean to, however often a part recurs', () => {
    const parts = ['Rust', ' rust ', 'UX  Research', 'Caf&eacute;', 'a\tb', '', ' ', 'x'.repeat(300), 'Rust', 'rust'];
    const events = Array.from({ length: 60 }, (_, i) => {
      const own = [parts[i % parts.length]!, parts[(i * 7) % parts.length]!, `topic ${i % 4}`];
      return { uid: `e${i}@test`, own };
    });
    const text = calendar(
      ...events.map(({ uid, own }, i) =>
        vevent(uid, `2027${String((i % 12) + 1).padStart(2, '0')}10T180000Z`, `Talk ${i}`, [
          `CATEGORIES:${own.join(',')}`,
        ]),
      ),
    );
    const records = [...parseIcs(text, OPTIONS).records];
    expect(records).toHaveLength(events.length);
    for (const [i, { own }] of events.entries()) {
      const expected = [
        ...new Set(
          own
            .map((part) => cleanText(part, TEXT_LIMITS.short, { singleLine: true })?.toLowerCase())
            .filter((topic): topic is string => Boolean(topic)),
        ),
      ];
      expect(records[i]!.topics, own.join(',')).toEqual(expected);
    }
  });
});
