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
  });

  it('names each distinct ask with its own key: parts never run into one another', async () => {
    const fresh = await freshness(deps(), user);
    const other = await freshness(deps(), { ...user, id: 'u_fedcba9876543210' });
    const asks: (string | number | undefined)[][] = [
      ['picks', 20, 0],
      ['picks', 20, 20],
      ['picks', 2, 0],
      ['picks', 20, undefined],
      ['picks', 20, ''],
      ['picks', 20, '0'],
      ['a', 'b'],
      ['a|b'],
      ['a|', 'b'],
      ['a', '|b'],
      ['ab'],
      ['result', 'picks|20'],
      ['result', 'picks', 20],
      [],
      [''],
    ];
    const keys = asks.map((ask) => fresh.key(...ask));
    expect(new Set(keys).size).toBe(asks.length);
    // Another user's keys for the very same asks are all different from this user's.
    const theirs = new Set(asks.map((ask) => other.key(...ask)));
    expect(keys.filter((key) => theirs.has(key))).toEqual([]);
    expect(fresh.key('a', 'b')).not.toBe(fresh.key('a|b'));
    // The same ask is the same key: a cache hit.
    expect(fresh.key('picks', 20, undefined)).toBe((await freshness(deps(), user)).key('picks', 20, undefined));
  });
});
