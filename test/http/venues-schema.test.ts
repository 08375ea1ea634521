import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp } from '../support/demo-app.ts';
import { documentedAnswers } from '../support/openapi-validate.ts';

const NOW = '2026-11-27T08:00:00Z';

/** The venues answer is served from a cached string, so only this test holds it to the published document. */
describe('venues answers match the documented schema', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let validate: (path: string, body: unknown) => string[];
  let auth: { authorization: string };
  beforeAll(async () => {
    demo = await demoApp(NOW);
    auth = { authorization: `Bearer ${demo.user.apiKey}` };
    validate = await documentedAnswers(demo.app);
  });
  afterAll(() => demo?.db.cleanup());

  it('real answers validate, every page and window; an undocumented or missing field fails', async () => {
    const path = '/v1/users/{id}/venues';
    let first: Record<string, unknown> | null = null;
    for (const query of ['', '?limit=2', '?limit=2&offset=2', '?from=2026-12-01&to=2027-03-01']) {
      const response = await demo.app.request(`/v1/users/${demo.user.id}/venues${query}`, { headers: auth });
      expect(response.status, query).toBe(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(validate(path, body), query).toEqual([]);
      first ??= body;
    }
    const body = first as { venues: { venue: Record<string, unknown> }[] };
    expect(body.venues.length).toBeGreaterThan(0);
    expect(validate(path, { ...body, undocumented: 1 })).not.toEqual([]);
    const [choice] = body.venues;
    expect(validate(path, { ...body, venues: [{ ...choice, venue: { ...choice!.venue, extra: true } }] })).not.toEqual(
      [],
    );
    const { cadence: _cadence, ...withoutCadence } = choice!.venue;
    expect(validate(path, { ...body, venues: [{ ...choice, venue: withoutCadence }] })).not.toEqual([]);
  });
});
