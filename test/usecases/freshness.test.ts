import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshness } from '../../src/usecases/freshness.ts';
import { eventRecord } from '../support/events.ts';
import { storeRecords, tempStore } from '../support/store.ts';

const NOW = '2026-11-27T08:10:00Z';

describe('freshness: the one key of every ranked answer of a user', () => {
  let db: ReturnType<typeof tempStore>;
  let nowMs: number;
  const deps = () => ({ store: db.store, clock: { now: () => nowMs } });
  const user = { id: 'u_0123456789abcdef', updatedAt: '2026-11-01T00:00:00Z' };
  beforeEach(() => {
    db = tempStore();
    nowMs = Date.parse(NOW);
  });
  afterEach(() => db.cleanup());

  it('stays within the hour and moves with the hour, the profile, a store write and what was asked', async () => {
    const first = await freshness(deps(), user);
    nowMs += 40 * 60_000;
    expect((await freshness(deps(), user)).state).toBe(first.state);
    nowMs += 20 * 60_000;
    expect((await freshness(deps(), user)).state).not.toBe(first.state);
    nowMs = Date.parse(NOW);
    expect((await freshness(deps(), { ...user, updatedAt: '2026-11-02T00:00:00Z' })).state).not.toBe(first.state);
    expect((await freshness(deps(), { ...user, id: 'u_fedcba9876543210' })).state).not.toBe(first.state);
    await storeRecords(
      db.store,
      'https://a.example/cal.ics',
      [eventRecord({ uid: 'x', title: 'Rust meetup', start: '2026-12-01T18:00:00Z' })],
      NOW,
    );
    const afterWrite = await freshness(deps(), user);
    expect(afterWrite.state).not.toBe(first.state);
    expect(afterWrite.key('picks', 20, 0)).not.toBe(afterWrite.key('picks', 20, 20));
    expect(afterWrite.key('picks', 20, undefined)).toBe(afterWrite.key('picks', 20, undefined));
  });
});
