import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSourceBytes } from '../src/ingest/parse-source.ts';
import { ingestSource } from '../src/usecases/ingest-sources.ts';
import { calendar, rss, vevent } from './support/calendars.ts';
import { demoApp } from './support/demo-app.ts';
import { depsFor, tempStore } from './support/store.ts';

const TITLE = 'The <script> element & other Rust security stories';
const OPTIONS = {
  window: { fromMs: Date.parse('2026-01-01'), toMs: Date.parse('2028-01-01') },
  nowMs: Date.parse('2026-11-27'),
  kind: null,
  topics: [],
};

const jsonFeed = (items: Record<string, string>[]) =>
  JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Talks', items });

async function titlesOf(text: string): Promise<string[]> {
  const parsed = await parseSourceBytes(new TextEncoder().encode(text), null, OPTIONS);
  return [...parsed.records].map((r) => r.title);
}

describe('plain-text titles keep every word through ingest', () => {
  it('an iCalendar SUMMARY is plain text: "The <script> element" keeps its words', async () => {
    expect(await titlesOf(calendar(vevent('t1', '20270120T180000Z', TITLE)))).toEqual([TITLE]);
  });

  const WORDPRESS = 'Women&#8217;s Tech Night &#8211; Rock &amp; Roll';
  const DECODED = 'Women’s Tech Night – Rock & Roll';

  it('character references in a SUMMARY are decoded, its "<" kept', async () => {
    const titles = await titlesOf(
      calendar(
        vevent('t2', '20270120T180000Z', WORDPRESS),
        vevent('t3', '20270121T180000Z', 'The &lt;script&gt; element <b>stays</b> AT&T'),
      ),
    );
    expect(titles).toEqual([DECODED, 'The <script> element <b>stays</b> AT&T']);
  });

  it('character references in a JSON Feed title are decoded, its "<" kept', async () => {
    const feed = jsonFeed([
      { id: 'w', title: WORDPRESS, content_text: 'Thursday 14 January 2027, 19:00' },
      { id: 's', title: TITLE, content_text: 'Thursday 14 January 2027, 19:00' },
    ]);
    expect(await titlesOf(feed)).toEqual([DECODED, TITLE]);
  });

  it('a JSON Feed title and content_text are plain text; content_html is still read as HTML', async () => {
    const feed = jsonFeed([
      { id: 'a', title: TITLE, content_text: 'On <template> & <slot>, Thursday 14 January 2027, 19:00' },
      { id: 'b', title: 'HTML body', content_html: '<p>On <b>slots</b>, Thursday 14 January 2027</p>' },
    ]);
    const parsed = await parseSourceBytes(new TextEncoder().encode(feed), null, OPTIONS);
    const [a, b] = [...parsed.records];
    expect(a?.title).toBe(TITLE);
    expect(a?.description).toBe('On <template> & <slot>, Thursday 14 January 2027, 19:00');
    expect(b?.description).toBe('On slots, Thursday 14 January 2027');
  });
});

describe('a title with markup survives ingest and is escaped on every output', () => {
  let demo: Awaited<ReturnType<typeof demoApp>> | undefined;
  afterEach(() => demo?.db.cleanup());

  it('page HTML, Atom, JSON Feed and ICS all carry "The <script> element" as text', async () => {
    const talk = vevent('script-talk@test', '20270121T180000Z', TITLE, [
      'DTEND:20270121T200000Z',
      'LOCATION:c-base\\, Rungestraße 20\\, Berlin',
      'DESCRIPTION:Rust Berlin meetup: talks on web security.',
      'CATEGORIES:rust,security',
    ]);
    demo = await demoApp('2026-11-27T08:00:00Z', { extraCalendar: calendar(talk) });
    const token = demo.user.feedToken;
    const get = async (path: string) => {
      const res = await demo!.app.request(path);
      expect(res.status, path).toBe(200);
      return res.text();
    };
    const html = await get(`/u/${token}`);
    expect(html).toContain('The &lt;script&gt; element &amp; other Rust security stories');
    expect(html).not.toContain('<script');

    const atom = await get(`/feed/${token}.atom`);
    expect(atom).toContain('The &lt;script&gt; element &amp; other Rust security stories');
    expect(atom).not.toContain('<script');

    const json = JSON.parse(await get(`/feed/${token}.json`)) as { items: { title: string; content_html?: string }[] };
    const item = json.items.find((i) => i.title === TITLE);
    expect(item).toBeDefined();
    expect(item?.content_html ?? '').not.toContain('<script');

    const ics = await get(`/cal/${token}.ics`);
    const summaries = new ICAL.Component(ICAL.parse(ics))
      .getAllSubcomponents('vevent')
      .map((v) => v.getFirstPropertyValue('summary'));
    expect(summaries).toContain(TITLE);
  });
});

describe('feed items: rolled out of the feed or withdrawn by the source', () => {
  const item = (n: number) => ({
    title: `Study group session ${n}`,
    guid: `session-${n}`,
    description: `Session ${n} on Tuesday ${n + 4} January 2027, 19:00`,
    pubDate: new Date(Date.UTC(2026, 10, n, 12)).toUTCString(),
  });

  it('an item older than every item still listed rolled out and is kept; a newer one that vanished is withdrawn, shown as such and not listed as live', async () => {
    const db = tempStore();
    try {
      const location = `${db.dir}/feed.xml`;
      const { writeFileSync } = await import('node:fs');
      const ingest = async (items: number[]) => {
        writeFileSync(location, rss(items.map(item)));
        const report = await ingestSource(depsFor(db.store), { location }, { window: OPTIONS.window, force: true });
        expect(['ok', 'unchanged']).toContain(report.status);
      };
      await ingest([1, 2, 3, 4]);
      // Session 1 scrolls out as 5 and 6 arrive; session 3 is taken down while 2 and 4 stay.
      await ingest([2, 4, 5, 6]);
      const all = await db.store.listEvents({ ...OPTIONS.window, includeUndated: true, includeCancelled: true });
      const status = Object.fromEntries(all.map((e) => [e.uid, e.status]));
      expect(status).toEqual({
        'session-1': 'confirmed',
        'session-2': 'confirmed',
        'session-3': 'withdrawn',
        'session-4': 'confirmed',
        'session-5': 'confirmed',
        'session-6': 'confirmed',
      });
      const live = await db.store.listEvents({ ...OPTIONS.window, includeUndated: true, includeCancelled: false });
      expect(live.map((e) => e.uid)).not.toContain('session-3');
      // Put back by the source, it is live again.
      await ingest([2, 3, 4, 5, 6]);
      const again = await db.store.listEvents({ ...OPTIONS.window, includeUndated: true, includeCancelled: false });
      expect(again.map((e) => e.uid)).toContain('session-3');
      // A recap posted late about an earlier evening: once that evening is before the window the parser
      // leaves it out, but the feed still lists it, so it is not withdrawn.
      const recap = {
        title: 'Recap',
        guid: 'recap',
        description: 'Monday 4 January 2027, 19:00',
        pubDate: 'Fri, 20 Nov 2026 12:00:00 GMT',
      };
      writeFileSync(location, rss([...[2, 3, 4, 5].map(item), recap]));
      await ingestSource(depsFor(db.store), { location }, { window: OPTIONS.window, force: true });
      const later = { fromMs: Date.parse('2027-01-05'), toMs: OPTIONS.window.toMs };
      await ingestSource(depsFor(db.store), { location }, { window: later, force: true });
      const stored = await db.store.listEvents({ ...OPTIONS.window, includeUndated: true, includeCancelled: true });
      expect(stored.find((e) => e.uid === 'recap')?.status).toBe('confirmed');
    } finally {
      await db.cleanup();
    }
  });
});
