import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLruCache } from '../../src/runtime/lru-cache.ts';
import { publishSubscription } from '../../src/usecases/publish-calendar.ts';
import { demoApp } from '../support/demo-app.ts';

const NOW = '2026-11-27T08:00:00Z';

describe('publishSubscription: one use case from a user to what their calendar serves', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  beforeAll(async () => {
    demo = await demoApp(NOW);
  });
  afterAll(() => demo?.db.cleanup());

  it('publishes the picks as calendar entries, and the same state republishes nothing new', async () => {
    const deps = { store: demo.db.store, clock: { now: demo.now }, cache: createLruCache(100) };
    const user = (await demo.db.store.getUser(demo.user.id))!;
    const first = await publishSubscription(deps, user, 'picks');
    expect(first.result.picks.length).toBeGreaterThan(0);
    expect(first.publications.length).toBeGreaterThanOrEqual(first.result.picks.length);
    const titles = new Set(first.publications.map((p) => p.entry.title));
    for (const pick of first.result.picks) expect(titles.has(pick.event.title), pick.event.title).toBe(true);
    expect(await demo.db.store.listPublications(user.id, 'picks')).toHaveLength(first.publications.length);
    const again = await publishSubscription(deps, user, 'picks');
    expect(again.publications.map((p) => [p.entry.uid, p.sequence])).toEqual(
      first.publications.map((p) => [p.entry.uid, p.sequence]),
    );
  });
});
