import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../../src/core/event-store.ts';
import { calendarRun, noMatch, type OpenStore, record, storePerTest } from './harness.ts';
import { user } from './users.contract.ts';

const SCHEDULE = { nextCheckAt: null, failureCount: 0, disabled: false };

/** Every kind of write that changes what a cache keyed on the stamp may hold. */
const WRITES: [string, (store: EventStore) => Promise<unknown>][] = [
  ['ensureSource', (s) => s.ensureSource({ location: '/b.ics' })],
  [
    'saveIngest',
    async (s) =>
      s.saveIngest((await s.getSource('/a.ics'))!.id, [record('x', '2026-12-02T10:00:00Z')], calendarRun(), noMatch),
  ],
  [
    'saveUnchanged',
    async (s) =>
      s.saveUnchanged((await s.getSource('/a.ics'))!.id, '2026-11-28T00:00:00Z', SCHEDULE, {
        etag: null,
        lastModified: null,
      }),
  ],
  [
    'saveFailure',
    async (s) =>
      s.saveFailure((await s.getSource('/a.ics'))!.id, '2026-11-28T00:00:00Z', SCHEDULE, {
        kind: 'http',
        message: 'HTTP 500',
      }),
  ],
  ['rewriteEventTexts', (s) => s.rewriteEventTexts((text) => ({ ...text, organizer: 'Someone new' }))],
  ['removeSource', async (s) => s.removeSource((await s.getSource('/a.ics'))!.id)],
  ['createUser', (s) => s.createUser(user('u2'))],
  ['replaceProfile', (s) => s.replaceProfile('u1', user('u1').profile, '2026-11-28T00:00:00Z')],
  ['rotateCredential', (s) => s.rotateCredential('u1', 'key', 'key-rotated', '2026-11-28T00:00:00Z')],
  [
    'addFeedback',
    (s) =>
      s.addFeedback({
        userKey: 'u1',
        eventId: 'e',
        uid: 'e',
        title: 'E',
        fields: [],
        action: 'going',
        met: [],
        reason: null,
        at: '2026-11-28T00:00:00Z',
      }),
  ],
  [
    'addVenueFeedback',
    (s) => s.addVenueFeedback({ userKey: 'u1', venueId: 'v', name: 'V', action: 'follow', at: '2026-11-28T00:00:00Z' }),
  ],
];

export function settingsContract(open: OpenStore): void {
  describe('store contract: settings and the change stamp', () => {
    const store = storePerTest(open);

    it('keeps settings by key, replacing a value', async () => {
      expect(await store().getSetting('admin-key-hash')).toBeNull();
      await store().setSetting('admin-key-hash', 'one');
      await store().setSetting('admin-key-hash', 'two');
      expect(await store().getSetting('admin-key-hash')).toBe('two');
    });

    it.each(WRITES)('the change stamp moves on %s and stays put on reads', async (_name, write) => {
      const source = await store().ensureSource({ location: '/a.ics' });
      await store().saveIngest(source.id, [record('a', '2026-12-01T10:00:00Z')], calendarRun(), noMatch);
      await store().createUser(user('u1'));
      const before = await store().changeStamp();
      await store().listEvents({
        fromMs: 0,
        toMs: Date.parse('2030-01-01'),
        includeUndated: true,
        includeCancelled: true,
      });
      await store().listSources();
      await store().getUser('u1');
      expect(await store().changeStamp()).toBe(before);
      await write(store());
      const after = await store().changeStamp();
      expect(after).not.toBe(before);
      expect(await store().changeStamp()).toBe(after);
    });

    it('a write that fails leaves the change stamp where it was', async () => {
      await store().createUser(user('u1'));
      const before = await store().changeStamp();
      await expect(store().createUser(user('u1'))).rejects.toThrow();
      expect(await store().changeStamp()).toBe(before);
    });

    it('the events stamp moves when a run changes events, not on a calendar listed as before, a user or feedback', async () => {
      const source = await store().ensureSource({ location: '/cal.ics' });
      const stamps = async () => ({ any: await store().changeStamp(), events: await store().eventsStamp() });
      const first = await stamps();
      await store().saveIngest(source.id, [record('a', '2026-12-10T18:00:00Z')], calendarRun(), noMatch);
      const stored = await stamps();
      expect(stored.events).not.toBe(first.events);
      await store().saveIngest(source.id, [record('a', '2026-12-10T18:00:00Z')], calendarRun(), noMatch);
      const again = await stamps();
      expect(again.any).not.toBe(stored.any);
      expect(again.events).toBe(stored.events);
      await store().createUser(user('u1'));
      expect(await store().eventsStamp()).toBe(stored.events);
      await store().saveIngest(source.id, [record('a', '2026-12-11T18:00:00Z')], calendarRun(), noMatch);
      expect(await store().eventsStamp()).not.toBe(stored.events);
    });
  });
}
