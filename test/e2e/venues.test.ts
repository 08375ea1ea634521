import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Recommendations } from '../../src/core/ranking.ts';
import type { VenueChoice, VenueRecommendations } from '../../src/core/venue.ts';
import { calendar, vevent } from '../support/calendars.ts';
import { runCli } from '../support/cli.ts';

const NOW = '2026-11-27';
const BERLIN_GEO = 'GEO:52.52;13.40';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A store of its own, fed through the real binary from files written here, and a profile file. */
async function scenario(files: Record<string, string>, profile: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'convene-venues-'));
  dirs.push(dir);
  const db = join(dir, 'convene.db');
  const profilePath = join(dir, 'profile.json');
  writeFileSync(
    profilePath,
    JSON.stringify({ location: { city: 'Berlin', country: 'Germany', lat: 52.52, lon: 13.4 }, ...profile }),
  );
  const ingest = async (more: Record<string, string>) => {
    const paths = Object.entries(more).map(([name, text]) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    });
    const result = await runCli(['ingest', '--db', db, '--now', NOW, ...paths]);
    expect(result.code, result.stderr).toBe(0);
  };
  await ingest(files);
  const runAt = async (now: string, ...args: string[]) => {
    const result = await runCli([...args, '--db', db, '--profile', profilePath, '--now', now]);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  };
  const run = (...args: string[]) => runAt(NOW, ...args);
  return {
    ingest,
    venues: async (...extra: string[]) =>
      (JSON.parse(await run('venues', '--format', 'json', ...extra)) as VenueRecommendations).venues,
    venuesAt: async (now: string) =>
      (JSON.parse(await runAt(now, 'venues', '--format', 'json')) as VenueRecommendations).venues,
    picks: async () => JSON.parse(await run('recommend', '--format', 'json', '--limit', '30')) as Recommendations,
    run,
    db,
    profile: profilePath,
    feedback: (...args: string[]) => runCli(['feedback', '--db', db, '--profile', profilePath, '--now', NOW, ...args]),
  };
}

const monthly = (uid: string, start: string, summary: string, extra: string[]) =>
  vevent(uid, start, summary, ['RRULE:FREQ=MONTHLY;COUNT=12', 'DURATION:PT2H', ...extra]);

const named = (venues: VenueChoice[], pattern: RegExp) => venues.filter((v) => pattern.test(v.venue.name));

describe('venues through the binary: recurring gatherings, ranked with reasons', () => {
  const meetups = calendar(
    monthly('kotlin@test', '20261209T180000Z', 'Kotlin User Group Berlin', [
      'LOCATION:Kotlin Hub\\, Berlin',
      BERLIN_GEO,
      'CATEGORIES:kotlin',
      'URL:https://kotlin-berlin.example.org/',
    ]),
    monthly('rust@test', '20261210T180000Z', 'Rust Berlin meetup', [
      'LOCATION:c-base\\, Berlin',
      BERLIN_GEO,
      'CATEGORIES:rust',
      'URL:https://rust-berlin.example.org/',
    ]),
  );
  const overdueGrace = {
    name: 'Grace Hopper',
    tier: 'close',
    lastSeen: '2026-02-01',
    communities: ['Kotlin User Group Berlin'],
  };

  it('a monthly meetup where an overdue close contact goes ranks first, naming her', async () => {
    const s = await scenario(
      { 'meetups.ics': meetups },
      {
        interests: ['rust', 'kotlin'],
        contacts: [overdueGrace],
        location: { city: 'Berlin', country: 'Germany', lat: 52.52, lon: 13.4, timeZone: 'Europe/Berlin' },
      },
    );
    const venues = await s.venues();
    const first = venues[0]!;
    expect(first.venue).toMatchObject({ name: 'Kotlin User Group Berlin', kind: 'meetup', online: false });
    expect(first.venue.cadence).toEqual({ every: 'month', text: 'monthly' });
    expect(first.reasons).toContainEqual(
      expect.objectContaining({
        kind: 'maintenance',
        people: ['Grace Hopper'],
        text: expect.stringMatching(/^Grace Hopper \(close/),
      }),
    );
    expect(first.reasons).toContainEqual(expect.objectContaining({ kind: 'regularity' }));
    // Score is the sum of the reasons, as for picks.
    expect(first.score).toBeCloseTo(
      first.reasons.reduce((sum, r) => sum + r.weight, 0),
      2,
    );
    expect(named(venues, /Rust Berlin/)).toHaveLength(1);
    expect(first.venue.next).toHaveLength(3);
    expect(first.venue.eventCount).toBe(12);
    expect(Object.keys(first.venue).sort()).toEqual(
      ['cadence', 'eventCount', 'id', 'kind', 'name', 'next', 'online', 'place', 'sources', 'url'].sort(),
    );
    const table = await s.run('venues');
    expect(table).toContain('Kotlin User Group Berlin  [meetup, monthly');
    // Times in the profile's zone, as recommend prints them: 18:00 UTC is 19:00 in Berlin in December.
    expect(table).toMatch(/^Times in Europe\/Berlin$/m);
    expect(table).toMatch(/next: [^\n]*9 Dec, 19:00/);
    expect(table).not.toContain('UTC');
  });

  it('following a venue picks its next event with a following reason and puts its dates in the calendar; dismissing one removes it and its events', async () => {
    const s = await scenario({ 'meetups.ics': meetups }, { interests: ['rust', 'kotlin'], contacts: [overdueGrace] });
    const before = await s.venues();
    const [kotlin] = named(before, /Kotlin/);
    const [rust] = named(before, /Rust/);
    // Both are there before anything is said, so their absence afterwards is the word's doing.
    expect(kotlin?.venue.kind).toBe('meetup');
    expect(rust?.venue.kind).toBe('meetup');
    expect((await s.picks()).picks.map((p) => p.event.title)).toContain('Kotlin User Group Berlin');
    expect(await s.run('recommend', '--format', 'ics', '--limit', '30')).toContain('Kotlin User Group');
    const follow = await s.feedback('--venue', rust!.venue.id, 'follow');
    expect(follow.code, follow.stderr).toBe(0);
    expect(follow.stdout).toBe('follow: Rust Berlin meetup\n');
    const picks = await s.picks();
    const next = picks.picks.find((p) => p.event.id === rust!.venue.next[0]!.id);
    expect(next?.reasons).toContainEqual(
      expect.objectContaining({ kind: 'following', text: 'next at Rust Berlin meetup, which you follow' }),
    );
    expect(picks.picks[0]!.event.id).toBe(next!.event.id);
    // Only the pinned next date carries the following reason: the others keep what they earn themselves.
    const withFollowing = [...picks.picks, ...(picks.followed ?? [])].filter((p) =>
      p.reasons.some((r) => r.kind === 'following'),
    );
    expect(withFollowing.map((p) => p.event.id)).toEqual([next!.event.id]);
    const ics = await s.run('recommend', '--format', 'ics', '--limit', '30');
    for (const event of rust!.venue.next) expect(ics).toContain(`UID:pick-${event.id}@convene`);
    const followed = (await s.venues()).find((v) => v.venue.id === rust!.venue.id)!;
    expect(followed.reasons).toContainEqual(expect.objectContaining({ kind: 'following' }));

    const dismiss = await s.feedback('--venue', kotlin!.venue.id, 'not-interested');
    expect(dismiss.code, dismiss.stderr).toBe(0);
    expect((await s.venues()).map((v) => v.venue.id)).not.toContain(kotlin!.venue.id);
    const after = await s.picks();
    expect(after.picks.map((p) => p.event.title)).not.toContain('Kotlin User Group Berlin');
    expect(await s.run('recommend', '--format', 'ics', '--limit', '30')).not.toContain('Kotlin User Group');

    const unknown = await s.feedback('--venue', 'v_0000000000000000', 'follow');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no venue with id v_0000000000000000/);
    // Who you met and why belong to an event; with a venue they would be lost without a word.
    const withMet = await s.feedback('--venue', rust!.venue.id, 'follow', '--met', 'Ada', '--reason', 'x');
    expect(withMet.code).toBe(2);
    expect(withMet.stderr).toMatch(/--met and --reason go with event feedback, not with --venue/);
    const wrong = await s.feedback('--venue', rust!.venue.id, 'going');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/with --venue, say follow or not-interested/);
  });

  it('a weekly reading group published as separate events is one study-group venue, weekly, with its next sessions', async () => {
    const day = (n: number) => new Date(Date.parse('2026-12-02T18:00:00Z') + n * 7 * 86_400_000).toISOString();
    const items = Array.from(
      { length: 6 },
      (_, n) =>
        `<item><title>Rust async reading group: chapter ${n + 1}</title><link>https://reading.example.org/rust-async/chapter-${n + 1}</link><guid>rust-async-${n + 1}</guid><description>We read chapter ${n + 1} of the async book together.</description><ev:startdate>${day(n)}</ev:startdate><ev:location>Friedrichshain, Berlin</ev:location></item>`,
    );
    const other = [1, 2].map(
      (n) =>
        `<item><title>Go reading group: chapter ${n}</title><link>https://reading.example.org/go/chapter-${n}</link><guid>go-${n}</guid><ev:startdate>${day(n)}</ev:startdate><ev:location>Mitte, Berlin</ev:location></item>`,
    );
    const oneOff = `<item><title>Rust performance workshop</title><link>https://reading.example.org/rust-perf</link><guid>rust-perf</guid><ev:startdate>${day(2)}</ev:startdate><ev:location>Mitte, Berlin</ev:location></item>`;
    const feed = `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:ev="http://purl.org/rss/1.0/modules/event/"><channel><title>Reading groups</title><link>https://reading.example.org/</link>\n${[...items, ...other, oneOff].join('\n')}\n</channel></rss>\n`;
    const s = await scenario({ 'reading.xml': feed }, { interests: ['rust', 'go'] });
    const venues = await s.venues();
    const rust = named(venues, /Rust/);
    expect(rust).toHaveLength(1);
    expect(rust[0]!.venue).toMatchObject({
      name: 'Rust async reading group',
      kind: 'study-group',
      cadence: { every: 'week', text: 'weekly' },
      eventCount: 6,
    });
    expect(rust[0]!.venue.next.map((e) => e.title)).toEqual([
      'Rust async reading group: chapter 1',
      'Rust async reading group: chapter 2',
      'Rust async reading group: chapter 3',
    ]);
    expect(named(venues, /Go reading group/)).toHaveLength(1);
    // One date and nothing that says it recurs: an event, not a place to go back to.
    expect(named(venues, /performance workshop/)).toEqual([]);
  });

  it('a volunteering community ranks first for a profile whose goal is to give back', async () => {
    const s = await scenario(
      {
        'community.ics': calendar(
          monthly('a11y@test', '20261212T100000Z', 'Accessibility volunteers: audit a nonprofit website', [
            'DESCRIPTION:Volunteer day: audit the website of a local charity. Experts mentor newcomers.',
            'LOCATION:Betahaus\\, Berlin',
            BERLIN_GEO,
            'CATEGORIES:accessibility',
          ]),
          monthly('js@test', '20261217T180000Z', 'BerlinJS meetup', [
            'DESCRIPTION:JavaScript talks.',
            'LOCATION:Co-Up\\, Berlin',
            BERLIN_GEO,
            'CATEGORIES:javascript',
          ]),
        ),
      },
      { interests: ['javascript', 'accessibility'], expertise: ['accessibility'], goals: ['give-back'] },
    );
    const [first] = await s.venues();
    expect(first!.venue).toMatchObject({
      kind: 'volunteer',
      name: 'Accessibility volunteers: audit a nonprofit website',
    });
    expect(first!.reasons).toContainEqual(
      expect.objectContaining({ kind: 'venue-fit', text: 'volunteering fits your goal to give back' }),
    );
    expect(first!.reasons).toContainEqual(expect.objectContaining({ kind: 'give-first' }));
  });

  it('a far in-person venue is left out while an online one stays', async () => {
    const s = await scenario(
      {
        'far.ics': calendar(
          monthly('lisbon@test', '20261209T180000Z', 'Rust Lisbon meetup', [
            'LOCATION:LX Factory\\, Lisbon\\, Portugal',
            'GEO:38.70;-9.18',
            'CATEGORIES:rust',
          ]),
          vevent('online@test', '20261203T180000Z', 'Rust online study group', [
            'RRULE:FREQ=WEEKLY;COUNT=10',
            'LOCATION:Online (Jitsi)',
            'CATEGORIES:rust',
          ]),
        ),
      },
      { interests: ['rust'], travel: { maxKm: 50, online: true } },
    );
    const names = (await s.venues()).map((v) => v.venue.name);
    expect(names).toContain('Rust online study group');
    expect(names).not.toContain('Rust Lisbon meetup');
  });

  it('a conference series with editions in two years is one venue; conferences on one host and one brand in two cities stay apart', async () => {
    const edition = (name: string, url: string, startDate: string, city: string) => ({
      name,
      url,
      startDate,
      endDate: startDate,
      city,
      country: 'Germany',
      online: false,
    });
    const list = JSON.stringify([
      edition('JSConf EU 2026, Berlin', 'https://jsconf.example.org/2026/', '2026-12-10', 'Berlin'),
      edition('JSConf EU 2027, Hamburg', 'https://jsconf.example.org/2027/', '2027-11-10', 'Hamburg'),
      // One foundation's site, two conferences: the host alone joins nothing.
      edition('KubeCon Europe 2026', 'https://events.example.org/kubecon-europe/', '2026-12-01', 'Berlin'),
      edition('KubeCon Europe 2027', 'https://events.example.org/kubecon-europe/', '2027-11-20', 'Berlin'),
      edition('Open Source Summit 2026', 'https://events.example.org/oss/', '2026-12-03', 'Berlin'),
      edition('Open Source Summit 2027', 'https://events.example.org/oss/', '2027-11-18', 'Berlin'),
      // A city's own chapter of a brand: one venue per city.
      edition('DevOpsDays Berlin 2026', 'https://devopsdays.example.org/2026-berlin', '2026-12-14', 'Berlin'),
      edition('DevOpsDays Berlin 2027', 'https://devopsdays.example.org/2027-berlin', '2027-11-15', 'Berlin'),
      edition('DevOpsDays Hamburg 2026', 'https://devopsdays.example.org/2026-hamburg', '2026-12-21', 'Hamburg'),
      edition('DevOpsDays Hamburg 2027', 'https://devopsdays.example.org/2027-hamburg', '2027-11-22', 'Hamburg'),
    ]);
    const s = await scenario(
      { 'conferences.json': list },
      { interests: ['devops', 'kubernetes', 'javascript', 'open source'], travel: { maxKm: 300 } },
    );
    const venues = await s.venues('--limit', '20');
    const jsconf = named(venues, /JSConf/);
    expect(jsconf).toHaveLength(1);
    expect(jsconf[0]!.venue).toMatchObject({
      name: 'JSConf EU',
      kind: 'conference',
      eventCount: 2,
      cadence: { every: 'year', text: 'yearly' },
    });
    expect(jsconf[0]!.venue.next.map((e) => e.start)).toEqual(['2026-12-10', '2027-11-10']);
    expect(named(venues, /KubeCon/).map((v) => v.venue.eventCount)).toEqual([2]);
    expect(named(venues, /Open Source Summit/).map((v) => v.venue.eventCount)).toEqual([2]);
    expect(
      named(venues, /DevOpsDays/)
        .map((v) => [v.venue.name, v.venue.eventCount])
        .sort(),
    ).toEqual([
      ['DevOpsDays Berlin', 2],
      ['DevOpsDays Hamburg', 2],
    ]);
    // The rhythm is the series', not the window's: with one edition in the window it is still yearly.
    const narrow = await s.venues('--to', '2027-01-31');
    expect(named(narrow, /JSConf/)[0]!.venue).toMatchObject({ eventCount: 1, cadence: { every: 'year' } });
  });

  it('two meetups in one city on different topics, with one organiser and one site, stay two venues, with ids that survive new ingests and a later --now', async () => {
    const sessions = (topic: string, numbers: number[], firstDay: number) =>
      numbers.map((n, k) =>
        vevent(
          `${topic}-${n}@test`,
          `202612${String(firstDay + k * 7).padStart(2, '0')}T180000Z`,
          `${topic} Meetup Berlin #${n}`,
          [
            'LOCATION:Tech Space\\, Berlin',
            BERLIN_GEO,
            `URL:https://berlin-tech.example.org/events/${topic.toLowerCase()}-${n}`,
            'ORGANIZER;CN=Berlin Tech Meetups:mailto:hello@berlin-tech.example.org',
          ],
        ),
      );
    const s = await scenario(
      { 'city.ics': calendar(...sessions('Rust', [41, 42, 43], 2), ...sessions('Go', [12, 13], 3)) },
      { interests: ['rust', 'go'] },
    );
    const venues = await s.venues();
    const rust = named(venues, /^Rust Meetup Berlin$/);
    const go = named(venues, /^Go Meetup Berlin$/);
    expect(rust.map((v) => v.venue.eventCount)).toEqual([3]);
    expect(go.map((v) => v.venue.eventCount)).toEqual([2]);
    expect(rust[0]!.venue.id).not.toBe(go[0]!.venue.id);
    await s.ingest({
      'more.ics': calendar(monthly('py@test', '20261201T180000Z', 'Python Meetup Berlin', ['LOCATION:Berlin'])),
    });
    const again = await s.venues();
    expect(named(again, /^Rust Meetup Berlin$/)[0]!.venue.id).toBe(rust[0]!.venue.id);
    expect(named(again, /^Go Meetup Berlin$/)[0]!.venue.id).toBe(go[0]!.venue.id);
    // A week later the first sessions have passed; the venues are the same ones.
    const later = await s.venuesAt('2026-12-09T12:00:00Z');
    expect(named(later, /^Rust Meetup Berlin$/).map((v) => [v.venue.id, v.venue.eventCount])).toEqual([
      [rust[0]!.venue.id, 2],
    ]);
    expect(named(later, /^Go Meetup Berlin$/).map((v) => [v.venue.id, v.venue.eventCount])).toEqual([
      [go[0]!.venue.id, 1],
    ]);
  });

  it('a weekly series keeps its id, name and follow when its first date in the window is an override', async () => {
    const series = calendar(
      vevent('rust-reading@test', '20261203T180000Z', 'Rust reading group', [
        'RRULE:FREQ=WEEKLY;COUNT=12',
        'DURATION:PT2H',
        'LOCATION:Tech Space\\, Berlin',
        BERLIN_GEO,
      ]),
      vevent('rust-reading@test', '20261203T180000Z', 'Rust reading group (online this week)', [
        'RECURRENCE-ID:20261203T180000Z',
        'DURATION:PT2H',
        'LOCATION:Online',
      ]),
    );
    const s = await scenario({ 'reading.ics': series }, { interests: ['rust'] });
    const [first] = named(await s.venues(), /Rust reading group/);
    expect(first?.venue).toMatchObject({ name: 'Rust reading group', cadence: { every: 'week' } });
    const follow = await s.feedback('--venue', first!.venue.id, 'follow');
    expect(follow.code, follow.stderr).toBe(0);
    const twoWeeksOn = await s.venuesAt('2026-12-11T00:00:00Z');
    const [again] = named(twoWeeksOn, /Rust reading group/);
    expect(again?.venue.id).toBe(first!.venue.id);
    expect(again?.reasons).toContainEqual(expect.objectContaining({ kind: 'following' }));
    // The word is found at any --now: a follow given two weeks on names the same venue.
    const late = await runCli([
      'feedback',
      '--venue',
      first!.venue.id,
      'not-interested',
      '--db',
      s.db,
      '--profile',
      s.profile,
      '--now',
      '2026-12-20',
    ]);
    expect(late.code, late.stderr).toBe(0);
    expect(late.stdout).toBe('not-interested: Rust reading group\n');
  });
});
