import { describe, expect, it } from 'vitest';
import type { DedupeCandidate } from '../../src/core/event-store.ts';
import { matchDuplicate } from '../../src/ingest/dedupe.ts';
import { identifyRecords } from '../../src/ingest/plan-ingest.ts';
import { occurrenceRowTail } from '../../src/store/ingest-writes.ts';
import { record } from '../store/contract/harness.ts';

/** What the plan hands the matcher for a record: its fields as identified, not the record. */
function incoming(...args: Parameters<typeof record>) {
  return identifyRecords('src', [record(...args)], occurrenceRowTail)[0]!.record;
}

const candidate = (overrides: Partial<DedupeCandidate>): DedupeCandidate => ({
  eventId: 'stored',
  uid: 'other',
  start: '2026-12-10T18:00:00Z',
  allDay: false,
  title: 'Something else entirely',
  urlKey: null,
  place: null,
  online: false,
  ...overrides,
});

describe('matchDuplicate on what the plan keeps of a record', () => {
  it('matches the same canonical URL on the same day through the URL key the split made', () => {
    const mine = incoming('mine', '2026-12-10T20:00:00Z', { url: 'https://example.org/talk?utm_source=feed' });
    expect(mine.urlKey).not.toBeNull();
    expect(matchDuplicate(mine, [candidate({ urlKey: mine.urlKey })])).toBe('stored');
    expect(matchDuplicate(mine, [candidate({ urlKey: mine.urlKey, start: '2026-12-12T20:00:00Z' })])).toBeNull();
  });

  it('matches a near-identical title in the same place through the place key the split made', () => {
    const location = { text: 'c-base, Rungestraße 20, Berlin', city: null, country: null, lat: null, lon: null };
    const mine = incoming('mine', '2026-12-10T20:00:00Z', { title: 'RustConf 2026', location });
    const same = candidate({ title: 'RustConf 2026', place: 'berlin' });
    expect(matchDuplicate(mine, [same])).toBe('stored');
    expect(matchDuplicate(mine, [{ ...same, place: 'hamburg' }])).toBeNull();
    const elsewhere = incoming('mine', '2026-12-10T20:00:00Z', {
      title: 'RustConf 2026',
      location: { ...location, text: 'Fabrik, Hamburg' },
    });
    expect(matchDuplicate(elsewhere, [same])).toBeNull();
  });
});
