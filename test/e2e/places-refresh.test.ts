import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { runCli } from '../support/cli.ts';
import { eventRecord } from '../support/events.ts';
import { storeRecords, tempStore } from '../support/store.ts';

describe('convene places refresh', () => {
  it('places events stored before places were read, and only those', async () => {
    const db = tempStore();
    try {
      const now = '2026-11-27T09:00:00Z';
      // Stored straight, as an older Convene stored them: the free text only.
      await storeRecords(
        db.store,
        'https://example.org/old.ics',
        [
          eventRecord({
            uid: 'a',
            title: 'Rust Lisboa',
            start: '2026-12-03T18:00:00Z',
            location: { text: 'Lisboa, Portugal', city: null, country: null, lat: null, lon: null },
          }),
          eventRecord({
            uid: 'b',
            title: 'Remote pairing',
            start: '2026-12-04T18:00:00Z',
            location: { text: 'https://meet.google.com/abc-defg-hij', city: null, country: null, lat: null, lon: null },
          }),
          eventRecord({
            uid: 'c',
            title: 'Given',
            start: '2026-12-05T18:00:00Z',
            location: { text: 'Somewhere', city: null, country: null, lat: 52.5, lon: 13.4 },
          }),
        ],
        now,
      );
      await db.store.close();
      const { stdout, code } = await runCli(['places', 'refresh', '--db', db.path, '--json']);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual({ changed: 2 });
      const store = openSqliteStore(db.path);
      const events = await store.listEvents({
        fromMs: Date.parse(now),
        toMs: Date.parse('2027-01-01'),
        includeUndated: false,
        includeCancelled: false,
      });
      await store.close();
      const byTitle = new Map(events.map((e) => [e.title, e]));
      expect(byTitle.get('Rust Lisboa')!.location).toMatchObject({
        city: 'Lisbon',
        country: 'Portugal',
        geocoded: 'place',
      });
      expect(byTitle.get('Rust Lisboa')!.location.lat).toBeCloseTo(38.72, 1);
      expect(byTitle.get('Remote pairing')!.online).toBe(true);
      expect(byTitle.get('Given')!.location).toEqual({
        text: 'Somewhere',
        city: null,
        country: null,
        lat: 52.5,
        lon: 13.4,
      });
      const again = await runCli(['places', 'refresh', '--db', db.path, '--json']);
      expect(JSON.parse(again.stdout)).toEqual({ changed: 0 });
    } finally {
      rmSync(db.dir, { recursive: true, force: true });
    }
  }, 60_000);
});
