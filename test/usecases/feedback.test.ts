import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { recordFeedback } from '../../src/usecases/feedback.ts';
import { eventRecord } from '../support/events.ts';
import { storeRecords, tempStore } from '../support/store.ts';

const NOW = '2026-11-27T08:00:00Z';

describe('recordFeedback', () => {
  let db: ReturnType<typeof tempStore>;
  let eventId: string;
  beforeEach(async () => {
    db = tempStore();
    await storeRecords(
      db.store,
      'https://a.example/cal.ics',
      [eventRecord({ uid: 'x', title: 'Rust meetup', start: '2026-12-01T18:00:00Z' })],
      NOW,
    );
    eventId = (
      await db.store.listEvents({ fromMs: 0, toMs: 8.64e15, includeUndated: true, includeCancelled: true })
    )[0]!.id;
  });
  afterEach(() => db.cleanup());

  it.each([
    { name: 'an empty reason is no reason', reason: '', stored: null },
    { name: 'no reason', reason: undefined, stored: null },
    { name: 'a reason is kept', reason: 'too far', stored: 'too far' },
  ])('$name', async ({ reason, stored }) => {
    const deps = { store: db.store, clock: fixedClock(NOW) };
    const input = { userKey: 'user-u1', eventId, action: 'not-interested' as const, met: [] };
    const feedback = await recordFeedback(deps, reason === undefined ? input : { ...input, reason });
    expect(feedback.reason).toBe(stored);
    expect((await db.store.listFeedback('user-u1'))[0]!.reason).toBe(stored);
  });
});
