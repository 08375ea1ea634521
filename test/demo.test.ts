import { describe, expect, it } from 'vitest';
import { REASON_KINDS, type Recommendations } from '../src/core/ranking.ts';
import type { VenueChoice } from '../src/core/venue.ts';
import { renderDemoTemplate } from '../src/runtime/demo-template.ts';
import { demoApp } from './support/demo-app.ts';

const DAY_MS = 86_400_000;
// feedback and following appear only after the user has said something about an event or a venue.
const EXPECTED_KINDS = REASON_KINDS.filter((k) => k !== 'feedback' && k !== 'following');

describe('the bundled demo stays alive', () => {
  it('editions roll forward only once they are over, and pubDates stay in the past', () => {
    const at = (iso: string, template: string) => renderDemoTemplate(template, Date.parse(iso));
    expect(at('2026-11-27T08:00:00Z', '{{annual 06-10~1}}')).toBe('2027-06-10');
    expect(at('2027-06-11T08:00:00Z', '{{annual 06-10~1}}')).toBe('2027-06-10');
    expect(at('2027-06-12T08:00:00Z', '{{annual 06-10~1}}')).toBe('2028-06-10');
    expect(at('2026-11-27T08:00:00Z', '{{annual 06-10~1 -100}}')).toBe('2027-03-02');
    expect(at('2026-11-27T08:00:00Z', '{{monthly 05~12 +12}}')).toBe('2026-12-17');
    expect(at('2026-12-10T08:00:00Z', '{{monthly 05~12}}')).toBe('2026-12-05');
    expect(at('2026-12-18T08:00:00Z', '{{monthly 05~12}}')).toBe('2027-01-05');
    for (let day = 0; day < 400; day += 7) {
      const now = Date.parse('2026-11-27T08:00:00Z') + day * DAY_MS;
      expect(Date.parse(renderDemoTemplate('{{monthly 01~0 -33 rfc822}}', now))).toBeLessThan(now);
    }
  });

  // Today, in a quarter, half a year, and a year from now: picks and venues to show, every reason kind among them.
  it.each([0, 95, 180, 270, 365])(
    '%i days from now the demo shows picks and venues with every kind of reason',
    async (days) => {
      const now = new Date(Date.parse('2026-11-27T08:00:00Z') + days * DAY_MS).toISOString();
      const demo = await demoApp(now);
      try {
        const res = await demo.app.request(`/v1/users/${demo.user.id}/picks?limit=20`, {
          headers: { authorization: `Bearer ${demo.user.apiKey}` },
        });
        const result = (await res.json()) as Recommendations;
        const { venues } = (await (
          await demo.app.request(`/v1/users/${demo.user.id}/venues`, {
            headers: { authorization: `Bearer ${demo.user.apiKey}` },
          })
        ).json()) as { venues: VenueChoice[] };
        expect(new Set(venues.map((v) => v.venue.kind)).size).toBeGreaterThanOrEqual(3);
        expect(result.picks.length).toBeGreaterThanOrEqual(5);
        for (const pick of result.picks) expect(pick.event.start! >= now.slice(0, 10)).toBe(true);
        const kinds = new Set(
          [...result.picks, ...result.giveFirst, ...venues].flatMap((p) => p.reasons.map((r) => r.kind)),
        );
        expect([...kinds].sort()).toEqual([...EXPECTED_KINDS].sort());
        // Every reason says something in words, a learned one included, on a venue as on a pick.
        for (const { reasons } of [...result.picks, ...result.giveFirst, ...venues])
          for (const reason of reasons) expect(reason.text.trim(), reason.kind).not.toBe('');
        expect(result.giveFirst.length).toBeGreaterThan(0);
      } finally {
        await demo.db.cleanup();
      }
    },
  );
});
