import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Recommendations } from '../../src/core/ranking.ts';
import { ADMIN_KEY, demoApp } from '../support/demo-app.ts';
import { itWith } from '../support/needs-component.ts';
import { runPython } from '../support/python.ts';

const NOW = '2026-11-27T08:00:00Z';

function vevents(text: string) {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
}

const pyIt = itWith('python3-feedparser');

describe('calendar subscriptions and feeds behind the feed token', () => {
  let demo: Awaited<ReturnType<typeof demoApp>>;
  let token: string;
  const get = (path: string, headers: Record<string, string> = {}) => demo.app.request(path, { headers });
  const picksJson = async (): Promise<Recommendations> =>
    (await get(`/v1/users/${demo.user.id}/picks?limit=50`, { authorization: `Bearer ${demo.user.apiKey}` })).json();
  const dismiss = (eventId: string) =>
    demo.app.request(`/u/${token}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ eventId, action: 'not-interested', back: '' }).toString(),
    });

  beforeEach(async () => {
    demo = await demoApp(NOW);
    token = demo.user.feedToken;
  });
  afterEach(() => demo.db.cleanup());

  it('AU4 serves the picks as a subscription calendar apps accept: headers, stable UIDs, stamps from the event', async () => {
    const res = await get(`/cal/${token}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const text = await res.text();
    for (const line of ['METHOD:PUBLISH', 'NAME:Convene picks for Ada', 'X-WR-CALNAME:Convene picks for Ada']) {
      expect(text).toContain(`\r\n${line}\r\n`);
    }
    expect(text).toMatch(/\r\nREFRESH-INTERVAL;VALUE=DURATION:PT3H\r\nX-PUBLISHED-TTL:PT3H\r\n/);
    const events = vevents(text);
    const picks = await picksJson();
    expect(events.length).toBe(picks.picks.length);
    for (const vevent of events) {
      const uid = vevent.getFirstPropertyValue('uid') as string;
      const pick = picks.picks.find((p) => uid === `pick-${p.event.id}@convene`)!;
      expect(pick, uid).toBeDefined();
      // DTSTAMP and LAST-MODIFIED come from the event's last change, never from the request.
      const changed = `${pick.event.lastChanged.slice(0, 19)}Z`;
      expect(vevent.getFirstPropertyValue('dtstamp')!.toString()).toBe(changed);
      expect(vevent.getFirstPropertyValue('last-modified')!.toString()).toBe(changed);
      expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
      const description = vevent.getFirstPropertyValue('description') as string;
      for (const reason of pick.reasons) expect(description).toContain(reason.text);
    }
    const owasp = events.find((v) => v.getFirstPropertyValue('summary') === 'OWASP Berlin chapter meeting')!;
    expect(owasp.getFirstPropertyValue('description')).toContain('Reconnect there with: Grace Hopper');
    expect(owasp.getFirstPropertyValue('url')).toBe('https://owasp-berlin.example.org/');

    // Same state, same bytes, so validators hold; an hour later still the same (no request time inside).
    demo.advance(1 / 24);
    const again = await get(`/cal/${token}.ics`);
    expect(await again.text()).toBe(text);
    expect(again.headers.get('etag')).toBe(res.headers.get('etag'));
    expect((await get(`/cal/${token}.ics`, { 'if-none-match': res.headers.get('etag')! })).status).toBe(304);
    expect((await get(`/cal/${token}.ics`, { 'if-modified-since': res.headers.get('last-modified')! })).status).toBe(
      304,
    );
    expect((await get(`/cal/${token}.ics`, { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('a dismissed pick stays a while as CANCELLED with a raised SEQUENCE, then goes', async () => {
    const before = await get(`/cal/${token}.ics`);
    const owasp = (await picksJson()).picks.find((p) => p.event.title === 'OWASP Berlin chapter meeting')!;
    expect((await dismiss(owasp.event.id)).status).toBe(303);
    const after = await get(`/cal/${token}.ics`, { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    const withdrawn = vevents(await after.text()).find(
      (v) => v.getFirstPropertyValue('uid') === `pick-${owasp.event.id}@convene`,
    )!;
    expect(withdrawn.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(withdrawn.getFirstPropertyValue('sequence')).toBe(1);
    expect(withdrawn.getFirstPropertyValue('description')).toMatch(/^No longer among your picks/);
    expect(withdrawn.getFirstPropertyValue('last-modified')!.toString()).toBe('2026-11-27T08:00:00Z');
    // The meeting was on 3 December: once it is over, the cancelled entry is dropped.
    demo.advance(10);
    const later = vevents(await (await get(`/cal/${token}.ics`)).text());
    expect(later.map((v) => v.getFirstPropertyValue('uid'))).not.toContain(`pick-${owasp.event.id}@convene`);
  });

  it('a separate give-first calendar holds the call-for-papers deadlines and volunteer roles', async () => {
    const res = await get(`/cal/${token}/give.ics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('\r\nX-WR-CALNAME:Convene: give first for Ada\r\n');
    const events = vevents(text);
    const cfp = events.find(
      (v) => v.getFirstPropertyValue('summary') === 'Call for papers closes: TypeScript Day Berlin',
    )!;
    expect(cfp).toBeDefined();
    const start = cfp.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.isDate).toBe(true);
    expect(start.toString()).toBe('2026-12-05');
    expect(cfp.getFirstPropertyValue('url')).toBe('https://typescript-day.example.org/talks');
    expect(events.map((v) => v.getFirstPropertyValue('summary'))).toContain(
      'Accessibility volunteers: audit a nonprofit website',
    );
    // The main calendar is not drowned in deadlines.
    const picks = vevents(await (await get(`/cal/${token}.ics`)).text());
    expect(picks.map((v) => String(v.getFirstPropertyValue('summary')))).not.toContainEqual(
      expect.stringMatching(/^Call for papers closes/),
    );
  });

  it('AU1 AU2 unknown, malformed and rotated tokens are 404s, never 500s, and the new token works at once', async () => {
    expect((await get('/cal/cvn_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics')).status).toBe(404);
    expect((await get('/cal/short.ics')).status).toBe(404);
    expect((await get(`/cal/${token}x.ics`)).status).toBe(404);
    expect((await get(`/cal/${'x'.repeat(5000)}.ics`)).status).toBe(404);
    expect((await get(`/feed/${token}.rss`)).status).toBe(404);
    const rotated = await demo.app.request(`/v1/users/${demo.user.id}/feed-token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    const { feedToken } = (await rotated.json()) as { feedToken: string };
    expect((await get(`/cal/${token}.ics`)).status).toBe(404);
    expect((await get(`/u/${token}`)).status).toBe(404);
    expect((await get(`/cal/${feedToken}.ics`)).status).toBe(200);
  });

  it('JSON Feed 1.1: required fields, RFC 3339 dates, ids that survive a new token, reasons in _event', async () => {
    const res = await get(`/feed/${token}.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed = await res.json();
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('Convene picks for Ada');
    expect(feed.feed_url).toBe(`http://localhost/feed/${token}.json`);
    expect(feed.home_page_url).toBe(`http://localhost/u/${token}`);
    const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
    const picks = await picksJson();
    expect(feed.items.length).toBe(picks.picks.length);
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(item.content_text ?? item.content_html).toBeTruthy();
      expect(item.date_published).toMatch(rfc3339);
      expect(item.date_modified).toMatch(rfc3339);
      expect(item.url).toMatch(/^https?:\/\//);
      expect(item._event.reasons.length).toBeGreaterThan(0);
      expect(item._event.score).toBeCloseTo(
        item._event.reasons.reduce((s: number, r: { weight: number }) => s + r.weight, 0),
        1,
      );
    }
    const etag = res.headers.get('etag')!;
    expect((await get(`/feed/${token}.json`, { 'if-none-match': etag })).status).toBe(304);

    const rotated = await demo.app.request(`/v1/users/${demo.user.id}/feed-token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    const { feedToken } = (await rotated.json()) as { feedToken: string };
    const again = await (await get(`/feed/${feedToken}.json`)).json();
    expect(again.items.map((i: { id: string }) => i.id)).toEqual(feed.items.map((i: { id: string }) => i.id));
  });

  pyIt('Atom 1.0: Python feedparser reads it without complaint and finds every required element', async () => {
    const res = await get(`/feed/${token}.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const text = await res.text();
    const parsed = runPython<{
      bozo: number;
      version: string;
      id: string;
      title: string;
      updated: string;
      author: string;
      self: string;
      entries: { id: string; title: string; updated: string; published: string; link: string; content: string }[];
    }>(
      `
import sys, json, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
f = d.feed
print(json.dumps({'bozo': int(d.bozo), 'version': d.version, 'id': f.get('id'), 'title': f.get('title'),
  'updated': f.get('updated'), 'author': f.get('author'),
  'self': next((l['href'] for l in f.get('links', []) if l.get('rel') == 'self'), None),
  'entries': [{'id': e.get('id'), 'title': e.get('title'), 'updated': e.get('updated'), 'published': e.get('published'),
    'link': e.get('link'), 'content': (e.get('content') or [{}])[0].get('value')} for e in d.entries]}))
`,
      text,
    );
    expect(parsed.bozo).toBe(0);
    expect(parsed.version).toBe('atom10');
    expect(parsed.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parsed.title).toBe('Convene picks for Ada');
    expect(parsed.author).toBe('Convene');
    expect(parsed.self).toBe(`http://localhost/feed/${token}.atom`);
    const picks = await picksJson();
    expect(parsed.entries.map((e) => e.title).sort()).toEqual(picks.picks.map((p) => p.event.title).sort());
    for (const entry of parsed.entries) {
      expect(entry.id).toMatch(/^urn:uuid:/);
      expect(entry.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(entry.published).toBeTruthy();
      expect(entry.link).toMatch(/^https?:\/\//);
      expect(entry.content).toMatch(/^Why Convene picked this/);
    }
    expect(new Set(parsed.entries.map((e) => e.id)).size).toBe(parsed.entries.length);
    expect((await get(`/feed/${token}.atom`, { 'if-none-match': res.headers.get('etag')! })).status).toBe(304);
    // Calendar apps and feed readers probe with HEAD: the same headers, no body.
    const head = await demo.app.request(`/cal/${token}.ics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBeTruthy();
    expect(await head.text()).toBe('');
  });
});
