import { describe, expect, it } from 'vitest';
import type { StoredPublication } from '../../../src/core/publication.ts';
import { AT, type OpenStore, storePerTest } from './harness.ts';
import { user } from './users.contract.ts';

const publication = (n: number, sequence = 0): StoredPublication => ({
  entry: {
    uid: `picks-event-${n}@convene`,
    eventId: `event-${n}`,
    title: `Event ${n}`,
    start: '2026-12-01T18:00:00Z',
    end: null,
    allDay: false,
    location: 'Berlin',
    url: null,
    description: 'Because you follow Rust',
    categories: ['rust'],
    status: 'confirmed',
    eventChangedAt: AT,
  },
  coreHash: `core-${n}-${sequence}`,
  fullHash: `full-${n}-${sequence}`,
  sequence,
  publishedAt: AT,
  lastModified: AT,
  withdrawnAt: null,
});

const byUid = (list: StoredPublication[]) => [...list].sort((a, b) => (a.entry.uid < b.entry.uid ? -1 : 1));

export function publicationsContract(open: OpenStore): void {
  describe('store contract: publications', () => {
    const store = storePerTest(open);

    it('saves 150 publications in one call, updates changed ones and drops removed ones, per user and calendar', async () => {
      await store().createUser(user('u1'));
      const first = Array.from({ length: 150 }, (_, n) => publication(n));
      await store().savePublications('u1', 'picks', first, []);
      expect(byUid(await store().listPublications('u1', 'picks'))).toEqual(byUid(first));
      expect(await store().listPublications('u1', 'give')).toEqual([]);
      const raised = { ...publication(3, 1), withdrawnAt: '2026-11-28T00:00:00Z' };
      const removed = first.slice(10, 130).map((p) => p.entry.uid);
      await store().savePublications('u1', 'picks', [raised], removed);
      const now = await store().listPublications('u1', 'picks');
      expect(now).toHaveLength(30);
      expect(now.find((p) => p.entry.uid === raised.entry.uid)).toEqual(raised);
    });
  });
}
