import { describe, expect, it } from 'vitest';
import { AT, calendarRun, EVERYTHING, type OpenStore, record, storePerTest } from './harness.ts';

export function sourcesContract(open: OpenStore): void {
  describe('store contract: sources', () => {
    const store = storePerTest(open);

    it('ensureSource creates a source once and later fills only what a spec names', async () => {
      const created = await store().ensureSource({ location: 'https://example.org/a.ics', topics: ['rust'] });
      expect(created).toMatchObject({
        location: 'https://example.org/a.ics',
        name: null,
        topics: ['rust'],
        refreshMinutes: 360,
        status: 'new',
        eventCount: 0,
      });
      const again = await store().ensureSource({
        location: 'https://example.org/a.ics',
        name: 'A',
        refreshMinutes: 60,
      });
      expect(again).toMatchObject({ id: created.id, name: 'A', topics: ['rust'], refreshMinutes: 60 });
      expect(await store().getSource('https://example.org/a.ics')).toEqual(again);
      expect(await store().getSourceById(created.id)).toEqual(again);
      expect(await store().getSource('https://example.org/none.ics')).toBeNull();
      expect(await store().getSourceById('no-such-id')).toBeNull();
    });

    it('lists sources in creation order with their confirmed event counts', async () => {
      const a = await store().ensureSource({ location: '/a.ics' });
      const b = await store().ensureSource({ location: '/b.ics' });
      await store().saveIngest(
        a.id,
        [record('1', '2026-12-01T10:00:00Z'), record('2', '2026-12-02T10:00:00Z', { status: 'cancelled' })],
        calendarRun(),
        () => null,
      );
      const listed = await store().listSources();
      expect(listed.map((s) => [s.id, s.eventCount])).toEqual([
        [a.id, 1],
        [b.id, 0],
      ]);
      expect(listed[0]).toMatchObject({ status: 'ok', format: 'ical', lastSuccessAt: AT });
    });

    it('records an unchanged run and a failure with its schedule, and a success clears the failure', async () => {
      const source = await store().ensureSource({ location: '/a.ics' });
      await store().saveFailure(
        source.id,
        AT,
        { nextCheckAt: '2026-11-27T01:00:00Z', failureCount: 2, disabled: false },
        { kind: 'http', message: 'HTTP 500' },
      );
      expect(await store().getSourceById(source.id)).toMatchObject({
        status: 'error',
        lastAttemptAt: AT,
        nextCheckAt: '2026-11-27T01:00:00Z',
        failureCount: 2,
        lastErrorKind: 'http',
        lastErrorMessage: 'HTTP 500',
      });
      await store().saveUnchanged(
        source.id,
        '2026-11-27T02:00:00Z',
        { nextCheckAt: '2026-11-27T08:00:00Z', failureCount: 0, disabled: false },
        { etag: '"v2"', lastModified: null },
      );
      expect(await store().getSourceById(source.id)).toMatchObject({
        status: 'unchanged',
        lastSuccessAt: '2026-11-27T02:00:00Z',
        failureCount: 0,
        lastErrorKind: null,
        etag: '"v2"',
      });
    });

    it('removing a source removes its events and answers whether it existed', async () => {
      const source = await store().ensureSource({ location: '/a.ics' });
      await store().saveIngest(source.id, [record('1', '2026-12-01T10:00:00Z')], calendarRun(), () => null);
      expect(await store().removeSource(source.id)).toBe(true);
      expect(await store().removeSource(source.id)).toBe(false);
      expect(await store().listSources()).toEqual([]);
      expect(await store().getEvents([])).toEqual([]);
      expect(await store().listEvents(EVERYTHING)).toEqual([]);
    });
  });
}
