import { describe, expect, it } from 'vitest';
import type { Feedback } from '../../../src/core/feedback.ts';
import type { VenueFeedback } from '../../../src/core/venue.ts';
import { type OpenStore, storePerTest } from './harness.ts';

const word = (userKey: string, eventId: string, at: string, action: Feedback['action']): Feedback => ({
  userKey,
  eventId,
  uid: `${eventId}@uid`,
  title: `Title of ${eventId}`,
  fields: ['rust'],
  action,
  met: ['Ada'],
  reason: action === 'not-interested' ? 'too far' : null,
  at,
});

const venueWord = (userKey: string, venueId: string, at: string, action: VenueFeedback['action']): VenueFeedback => ({
  userKey,
  venueId,
  name: `Venue ${venueId}`,
  action,
  at,
});

export function feedbackContract(open: OpenStore): void {
  describe('store contract: feedback on events and venues', () => {
    const store = storePerTest(open);

    it('lists one user’s feedback oldest first, insertion order breaking ties', async () => {
      const later = word('ada', 'e1', '2026-11-28T00:00:00Z', 'going');
      const tieFirst = word('ada', 'e2', '2026-11-27T00:00:00Z', 'not-interested');
      const tieSecond = word('ada', 'e2', '2026-11-27T00:00:00Z', 'attended');
      for (const f of [later, tieFirst, word('bob', 'e1', '2026-11-26T00:00:00Z', 'going'), tieSecond])
        await store().addFeedback(f);
      expect(await store().listFeedback('ada')).toEqual([tieFirst, tieSecond, later]);
      expect(await store().listFeedback('nobody')).toEqual([]);
    });

    it('lists one user’s word on venues oldest first', async () => {
      const second = venueWord('ada', 'v1', '2026-11-28T00:00:00Z', 'not-interested');
      const first = venueWord('ada', 'v1', '2026-11-27T00:00:00Z', 'follow');
      for (const f of [second, venueWord('bob', 'v2', '2026-11-26T00:00:00Z', 'follow'), first])
        await store().addVenueFeedback(f);
      expect(await store().listVenueFeedback('ada')).toEqual([first, second]);
    });
  });
}
