import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp } from '../support/demo-app.ts';

const NOW = '2026-11-27T08:00:00Z';

/**
 * One cached body serves every request whose parsed query names the same page, so its `next` link may
 * hold only what was parsed: whatever else the first asker sent must not reach everyone after them.
 */
describe('the next link of a cached ranked page', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let auth: { authorization: string };
  beforeAll(async () => {
    demo = await demoApp(NOW);
    auth = { authorization: `Bearer ${demo.user.apiKey}` };
  });
  afterAll(() => demo?.db.cleanup());

  it.each(['picks', 'venues'])('%s: holds only the parsed page and window, whoever asked first', async (list) => {
    const path = `/v1/users/${demo.user.id}/${list}`;
    const ask = async (query: string) => {
      const response = await demo.app.request(`${path}?${query}`, { headers: auth });
      expect(response.status, query).toBe(200);
      return ((await response.json()) as { next: string | null }).next;
    };
    const first = await ask('limit=1&foo=x&from=2026-11-27');
    const second = await ask('limit=1&from=2026-11-27T00:00:00Z');
    expect(first).not.toBeNull();
    expect(second).toBe(first);
    const next = new URL(first!, 'http://localhost');
    expect(next.pathname).toBe(path);
    expect([...next.searchParams.keys()].sort()).toEqual(['from', 'limit', 'offset']);
    expect(next.searchParams.get('limit')).toBe('1');
    expect(next.searchParams.get('offset')).toBe('1');
    expect(Date.parse(next.searchParams.get('from')!)).toBe(Date.parse('2026-11-27T00:00:00Z'));
    // The link leads to the page after: the same window, one further on.
    expect(await ask(next.search.slice(1))).toMatch(/offset=2/);
  });
});
