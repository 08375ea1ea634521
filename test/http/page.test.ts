import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Recommendations } from '../../src/core/ranking.ts';
import { demoApp } from '../support/demo-app.ts';
import { hostileRecord } from '../support/hostile-event.ts';

const NOW = '2026-11-27T08:00:00Z';
describe('the personal page /u/{feedToken}', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let token: string;
  const page = async (query = '') => {
    const res = await demo.app.request(`/u/${token}${query}`);
    expect(res.status).toBe(200);
    return res.text();
  };
  const post = (fields: Record<string, string>) =>
    demo.app.request(`/u/${token}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  const picks = async (): Promise<Recommendations> =>
    (
      await demo.app.request(`/v1/users/${demo.user.id}/picks?limit=30`, {
        headers: { authorization: `Bearer ${demo.user.apiKey}` },
      })
    ).json();

  beforeEach(async () => {
    demo = await demoApp(NOW, { extraRecords: [hostileRecord()] });
    token = demo.user.feedToken;
  });
  afterEach(() => demo.db.cleanup());

  it('renders every pick with its reasons, the give-first list, the gaps in words and the subscribe links', async () => {
    const res = await demo.app.request(`/u/${token}`);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const html = await res.text();
    const result = await picks();
    for (const pick of [...result.picks, ...result.giveFirst]) {
      for (const reason of pick.reasons)
        expect(html).toContain(reason.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    }
    expect(html).toMatch(/<h3>(This week|Next week|Week of [^<]+)<\/h3>/);
    expect(html).toContain('Call for papers closes 2026-12-05');
    expect(html).toMatch(
      /No contacts in [^:]+ yet: (1 event on this page helps|\d+ events on this page help)|Only 1 contact in security: (1 event on this page helps|\d+ events on this page help)/,
    );
    expect(html).toMatch(
      /Grace Hopper, close, last seen 9 months ago: you could meet again at OWASP Berlin chapter meeting/,
    );
    expect(html).toContain(`href="webcal://localhost/cal/${token}.ics"`);
    expect(html).toContain(
      `href="https://calendar.google.com/calendar/r?cid=${encodeURIComponent(`webcal://localhost/cal/${token}.ics`)}"`,
    );
    expect(html).toContain(
      `<link rel="alternate" type="application/atom+xml" title="Picks (Atom)" href="http://localhost/feed/${token}.atom"/>`,
    );
    expect(html).toContain(`type="application/feed+json"`);
    expect(html).toMatch(/Tell Margaret/);
    expect(html).toContain('mailto:?subject=');
  });

  it('O1 O2 escapes feed text and renders only http(s) links', async () => {
    const html = await page();
    expect(html).toContain(
      '&lt;script&gt;window.__pwned = 1&lt;/script&gt; Rust &amp; security night &lt;b&gt;bold&lt;/b&gt;',
    );
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/href="(javascript|data|vbscript):/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('Berlin &quot;&lt;b&gt;venue&lt;/b&gt;&quot;');
  });

  it('filters by week, channel and kind without JavaScript (query parameters)', async () => {
    const all = await page();
    const online = await page('?where=online');
    expect(online).toContain('WebAssembly study group (online)');
    expect(online).not.toContain('OWASP Berlin chapter meeting</a>');
    expect(all).toContain('OWASP Berlin chapter meeting</a>');
    // The picks part only: the venue section below lists communities, not this week's dates.
    const week = (await page('?when=week')).split('<h2 id="venues">')[0]!;
    expect(week).not.toContain('RustFest Berlin</a>');
    const kind = await page('?kind=conference');
    expect(kind).not.toContain('OWASP Berlin chapter meeting</a>');
    expect(kind).toMatch(/<option value="conference" selected="">conference<\/option>/);
    // Nonsense falls back to everything.
    expect(await page('?when=decade&kind=rave')).toContain('OWASP Berlin chapter meeting</a>');
  });

  it('Not interested posts feedback, redirects back with the filters, and the pick is gone on the next load', async () => {
    const owasp = (await picks()).picks.find((p) => p.event.title === 'OWASP Berlin chapter meeting')!;
    const res = await post({ eventId: owasp.event.id, action: 'not-interested', back: 'where=in-person&evil=1' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toBe(`/u/${token}?where=in-person&done=not-interested&event=${owasp.event.id}#picks`);
    const after = await page(location.slice(`/u/${token}`.length).replace('#picks', ''));
    expect(after).toContain('Dismissed “OWASP Berlin chapter meeting”');
    expect(after).not.toContain(`id="pick-${owasp.event.id}"`);
    expect((await picks()).picks.map((p) => p.event.id)).not.toContain(owasp.event.id);
  });

  it('"Places worth going back to" lists venues with rhythm, next date and reasons; Follow and Not interested post and come back', async () => {
    const html = await page();
    const section = html.slice(html.indexOf('<h2 id="venues">Places worth going back to</h2>'));
    expect(section.length).toBeLessThan(html.length);
    const ids = [...section.matchAll(/name="venueId" value="(v_[0-9a-f]{16})"/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const kinds = [...section.matchAll(/<p class="meta">([a-z-]+) · /g)].map((m) => m[1]);
    expect(new Set(kinds).size).toBeGreaterThanOrEqual(3);
    expect(section).toContain('Who goes there: Grace Hopper.');
    expect(section).toMatch(/meetup · monthly · [^<]+ · next <time/);
    const postVenue = (fields: Record<string, string>) =>
      demo.app.request(`/u/${token}/venue-feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    const follow = await postVenue({ venueId: ids[0]!, action: 'follow', back: 'kind=meetup&evil=1' });
    expect(follow.status).toBe(303);
    const location = follow.headers.get('location')!;
    expect(location).toBe(`/u/${token}?kind=meetup&venueDone=follow&venue=${ids[0]}#venues`);
    const followed = await page(location.slice(`/u/${token}`.length).replace('#venues', ''));
    expect(followed).toMatch(/You follow “[^”]+”: its next date is among your picks/);
    expect(followed).toContain('You follow this.');
    const dismiss = await postVenue({ venueId: ids[1]!, action: 'not-interested' });
    expect(await page(dismiss.headers.get('location')!.slice(`/u/${token}`.length).replace('#venues', ''))).toMatch(
      /Dismissed “[^”]+”: it and its events no longer appear/,
    );
    expect(await page()).not.toContain(`value="${ids[1]}"`);
    const bad = await postVenue({ venueId: 'v_0000000000000000', action: 'follow' });
    expect(bad.headers.get('location')).toBe(`/u/${token}?venueDone=unknown#venues`);
    expect((await postVenue({ venueId: ids[0]!, action: 'going' })).headers.get('location')).toBe(
      `/u/${token}?venueDone=invalid#venues`,
    );
  });

  it('Attended with the people met marks them as seen, which moves the maintenance gap', async () => {
    const owasp = (await picks()).picks.find((p) => p.event.title === 'OWASP Berlin chapter meeting')!;
    // Attended is said once the meeting has happened.
    demo.advance(7);
    const res = await post({ eventId: owasp.event.id, action: 'attended', met: 'Grace Hopper, Dana New' });
    expect(res.status).toBe(303);
    const user = await (
      await demo.app.request(`/v1/users/${demo.user.id}`, { headers: { authorization: `Bearer ${demo.user.apiKey}` } })
    ).json();
    const contacts = user.profile.contacts as { name: string; lastSeen?: string; channel?: string }[];
    expect(contacts.find((c) => c.name === 'Grace Hopper')).toMatchObject({
      lastSeen: '2026-12-03',
      channel: 'offline',
    });
    expect(contacts.find((c) => c.name === 'Dana New')).toMatchObject({ lastSeen: '2026-12-03' });
    expect(await page()).not.toContain('Grace Hopper, close, last seen 9 months ago');
  });

  it('after the event, "Happened recently" asks who you met, and remembers the answer', async () => {
    const owasp = (await picks()).picks.find((p) => p.event.title === 'OWASP Berlin chapter meeting')!;
    await post({ eventId: owasp.event.id, action: 'going' });
    const pinned = await page();
    expect(pinned).not.toContain('Happened recently');
    // Going is shown as a state on the card, not offered again.
    const card = pinned.slice(pinned.indexOf(`id="pick-${owasp.event.id}"`));
    expect(card.slice(0, card.indexOf('</article>'))).toContain('You are going.');
    expect(card.slice(0, card.indexOf('</article>'))).not.toContain('value="going"');
    // The meeting is on 3 December; a week later it has left the picks but not the page.
    demo.advance(7);
    const after = await page();
    expect(after).toContain('<h2 id="recent">Happened recently</h2>');
    expect(after).toContain(`id="recent-${owasp.event.id}"`);
    expect((await picks()).picks.map((p) => p.event.id)).not.toContain(owasp.event.id);
    const res = await post({ eventId: owasp.event.id, action: 'attended', met: 'Grace Hopper' });
    expect(res.status).toBe(303);
    const done = await page();
    expect(done).toContain('You attended, and met Grace Hopper.');
    expect(done).not.toMatch(/Grace Hopper, close, last seen/);
    // Forty days on it is history.
    demo.advance(40);
    expect(await page()).not.toContain('Happened recently');
  });

  it('bad forms and unknown tokens get clear answers, not errors', async () => {
    const bad = await post({ eventId: '', action: 'maybe' });
    expect(bad.status).toBe(303);
    expect(bad.headers.get('location')).toContain('done=invalid');
    const unknown = await post({ eventId: 'ffffffffffffffff', action: 'going' });
    expect(unknown.headers.get('location')).toContain('done=unknown-event');
    const missing = await demo.app.request('/u/cvn_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('No page at this address');
    const huge = await demo.app.request(`/u/${token}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `met=${'x'.repeat(40_000)}`,
    });
    expect(huge.status).toBe(413);
  });
});
