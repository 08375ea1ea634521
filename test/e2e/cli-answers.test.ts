import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendar, vevent } from '../support/calendars.ts';
import { BIN, runCli } from '../support/cli.ts';

const NOW = '2026-11-27T00:00:00Z';

/** A confs.tech list: each conference `[name, startDate, cfpEndDate?]`, in Berlin. */
function conferenceList(entries: [string, string, string?][]): string {
  return JSON.stringify(
    entries.map(([name, startDate, cfpEndDate]) => ({
      name,
      url: `https://${name.toLowerCase().replace(/\W+/g, '-')}.example/`,
      startDate,
      endDate: startDate,
      city: 'Berlin',
      country: 'Germany',
      ...(cfpEndDate ? { cfpUrl: 'https://cfp.example/', cfpEndDate } : {}),
    })),
  );
}

describe('the CLI answers clearly', () => {
  let dir: string;
  let db: string;
  let cal: string;
  let profile: string;
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convene-answers-'));
    db = join(dir, 'convene.db');
    cal = write(
      'meetups.ics',
      calendar(
        vevent('rust@test', '20261203T180000Z', 'Rust Berlin meetup', ['LOCATION:Berlin', 'CATEGORIES:rust']),
        vevent('sec@test', '20261210T180000Z', 'OWASP Berlin chapter meeting', ['LOCATION:Berlin']),
      ),
    );
    profile = write(
      'profile.json',
      JSON.stringify({
        name: 'Ada',
        interests: ['rust'],
        location: { city: 'Berlin', country: 'Germany', lat: 52.52, lon: 13.4, timeZone: 'Europe/Berlin' },
      }),
    );
    const ingested = await runCli(['ingest', '--db', db, '--now', NOW, cal]);
    expect(ingested.code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every usage error exits 2: an unknown flag or command, a bad choice, a missing required option, a bad date', async () => {
    const cases = [
      ['ingest', '--bogus', cal],
      ['nosuchcommand'],
      ['feedback', '--db', db, '--profile', profile, '0000000000000000', 'maybe'],
      ['recommend', '--db', db, '--format', 'xml', '--profile', profile],
      ['recommend', '--db', db],
      ['gaps'],
      ['ingest', '--db', db, '--from', 'notadate', cal],
      ['recommend', '--db', db, '--profile', profile, '--from', 'notadate'],
      ['gaps', '--profile', profile, '--now', 'someday'],
    ];
    for (const args of cases) {
      const { code, stderr } = await runCli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(/error|not a date|unknown|invalid/i);
    }
    for (const args of [['--help'], ['--version'], ['ingest', '--help']])
      expect((await runCli(args)).code, args.join(' ')).toBe(0);
  });

  it('a failed source or action exits 1', async () => {
    // A database of its own: the failing source stays out of the one the other tests read.
    const missing = await runCli(['ingest', '--db', join(dir, 'failed.db'), '--now', NOW, join(dir, 'missing.ics')]);
    expect(missing.code).toBe(1);
    expect(`${missing.stdout}${missing.stderr}`).toContain(
      `${join(dir, 'missing.ics')}: error network: file not found`,
    );
    const { events } = JSON.parse((await runCli(['events', '--db', db, '--now', NOW, '--json'])).stdout);
    const own = write('own-profile.json', readFileSync(profile, 'utf8'));
    const before = readFileSync(own, 'utf8');
    const future = await runCli(['feedback', '--db', db, '--profile', own, '--now', NOW, events[0].id, 'attended']);
    expect(future.code).toBe(1);
    expect(future.stderr).toContain(
      `${events[0].title} starts ${events[0].start}: it has not happened yet, so it cannot be attended (say going instead)`,
    );
    expect(future.stdout).toBe('');
    expect(readFileSync(own, 'utf8')).toBe(before);
  });

  it('a reversed --from/--to is a usage error naming both flags, in ingest, events, recommend and venues', async () => {
    const reversed = ['--from', '2027-05-01', '--to', '2027-01-01'];
    for (const args of [
      ['ingest', '--db', db, ...reversed, cal],
      ['events', '--db', db, ...reversed],
      ['recommend', '--db', db, '--profile', profile, ...reversed],
      ['venues', '--db', db, '--profile', profile, ...reversed],
    ]) {
      const { code, stderr, stdout } = await runCli(args);
      expect(code, args[0]).toBe(2);
      expect(stderr, args[0]).toMatch(/--from must be before --to \(--from 2027-05-01\S*, --to 2027-01-01/);
      expect(stdout).toBe('');
    }
  });

  it('events --search with no result says so', async () => {
    const { code, stdout } = await runCli(['events', '--db', db, '--now', NOW, '--search', 'kubernetes']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^No events match "kubernetes" from 2026-11-27 to 2027-11-27/);
  });

  it("recommend --format table prints times in the profile's time zone, as the page does", async () => {
    const { code, stdout } = await runCli(['recommend', '--db', db, '--profile', profile, '--now', NOW]);
    expect(code).toBe(0);
    expect(stdout).toContain('Times in Europe/Berlin');
    // 18:00 UTC is 19:00 in Berlin in December.
    expect(stdout).toMatch(/Thu 3 Dec, 19:00\S*\s+Rust Berlin meetup/);
    expect(stdout).not.toContain('18:00 UTC');
  });

  it('off a terminal, ingest prints one line a source; two calendars of the same name are told apart by file', async () => {
    const named = (uid: string) =>
      calendar(vevent(uid, '20261205T180000Z', `Meetup ${uid}`)).replace(
        'VERSION:2.0',
        'VERSION:2.0\r\nX-WR-CALNAME:Events',
      );
    const first = write('first.ics', named('one@test'));
    const second = write('second.ics', named('two@test'));
    const env = { ...process.env };
    delete env.CI;
    const piped = spawnSync(
      process.execPath,
      [BIN, 'ingest', '--db', join(dir, 'named.db'), '--now', NOW, first, second],
      { env, encoding: 'utf8' },
    );
    expect(piped.status).toBe(0);
    expect(`${piped.stdout}${piped.stderr}`.trim().split('\n')).toEqual([
      'Events (first.ics): ok (1 new, 0 changed, 0 unchanged, 0 cancelled)',
      'Events (second.ics): ok (1 new, 0 changed, 0 unchanged, 0 cancelled)',
    ]);
  });

  it('ingest says how many entries lie outside the window and the --from/--to that would include them', async () => {
    const list = write(
      'conferences.json',
      conferenceList([
        ['Old One', '2025-03-10'],
        ['Old Two', '2025-06-10'],
        ['Old Three', '2025-09-10'],
        ['Old Four', '2025-10-01'],
        ...[1, 2, 3, 4, 5, 6].map((n): [string, string] => [`Far ${n}`, `2028-0${n}-15`]),
      ]),
    );
    const outsideDb = join(dir, 'outside.db');
    const plain = await runCli(['ingest', '--db', outsideDb, '--now', NOW, list]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(
      ': ok (0 new, 0 changed, 0 unchanged, 0 cancelled); 10 entries lie outside the window (4 before the window, 6 after it); --from 2025-03-10 --to 2028-06-16 would include them',
    );
    const json = JSON.parse((await runCli(['ingest', '--db', outsideDb, '--now', NOW, '--json', list])).stdout);
    expect(json.sources[0].outsideWindow).toEqual({ before: 4, after: 6, from: '2025-03-10', to: '2028-06-16' });
    const widened = await runCli([
      'ingest',
      '--db',
      outsideDb,
      '--now',
      NOW,
      '--from',
      '2025-03-10',
      '--to',
      '2028-06-16',
      '--json',
      list,
    ]);
    expect(JSON.parse(widened.stdout).sources[0]).toMatchObject({ counts: { new: 10 }, outsideWindow: null });
  });

  it('importing a file that is not a vCard exits 1 and leaves the profile as it was', async () => {
    const own = write('import-profile.json', readFileSync(profile, 'utf8'));
    const before = readFileSync(own, 'utf8');
    const readme = join(import.meta.dirname, '..', '..', 'README.md');
    const { code, stderr, stdout } = await runCli(['contacts', 'import', '--profile', own, readme]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/README\.md: not a vCard file: no card read from it.*; nothing imported/);
    expect(stdout).toBe('');
    expect(readFileSync(own, 'utf8')).toBe(before);
  });

  it('a truncated vCard (BEGIN:VCARD with no END:VCARD) exits 1 and leaves the profile as it was', async () => {
    const own = write('truncated-profile.json', readFileSync(profile, 'utf8'));
    const before = readFileSync(own, 'utf8');
    const truncated = write('truncated.vcf', 'BEGIN:VCARD\nFN:Ada\n');
    const { code, stderr, stdout } = await runCli(['contacts', 'import', '--profile', own, truncated]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/truncated\.vcf: not a vCard file: no card read from it.*END:VCARD.*; nothing imported/);
    expect(stdout).toBe('');
    expect(readFileSync(own, 'utf8')).toBe(before);
  });

  it('a profile city the gazetteer cannot place is warned about on recommend', async () => {
    const atlantis = write(
      'atlantis.json',
      JSON.stringify({ interests: ['rust'], location: { city: 'Atlantis', country: 'Nowhere' } }),
    );
    const { code, stderr } = await runCli(['recommend', '--db', db, '--profile', atlantis, '--now', NOW]);
    expect(code).toBe(0);
    // Its city has a namesake (in South Africa): placed there, and the unknown country is said.
    expect(stderr).toMatch(/warning: location: "Nowhere" is not a country the gazetteer knows; "Atlantis" placed at/);
    // convene venues ranks for the same profile, so it says the same, in either format.
    for (const format of ['table', 'json']) {
      const venues = await runCli(['venues', '--db', db, '--profile', atlantis, '--now', NOW, '--format', format]);
      expect(venues.code, venues.stderr).toBe(0);
      expect(venues.stderr).toMatch(
        /warning: location: "Nowhere" is not a country the gazetteer knows; "Atlantis" placed at/,
      );
    }
  });

  it('the recommend table says a closed call for papers is closed; sources counts "1 event"', async () => {
    const cfpDb = join(dir, 'cfp.db');
    const list = write(
      'cfp.json',
      conferenceList([
        ['RustConf Berlin', '2026-12-12', '2026-11-25'],
        ['Rust Summit Berlin', '2027-01-20', '2026-12-20'],
      ]),
    );
    expect((await runCli(['ingest', '--db', cfpDb, '--now', NOW, list])).code).toBe(0);
    const { stdout } = await runCli(['recommend', '--db', cfpDb, '--profile', profile, '--now', '2026-12-04']);
    expect(stdout).toMatch(/RustConf Berlin[^\n]*\n {2}id \w+\n {2}Call for papers closed 2026-11-25\n/);
    expect(stdout).toMatch(/Rust Summit Berlin[^\n]*\n {2}id \w+\n {2}Call for papers closes 2026-12-20\n/);
    const single = join(dir, 'single.db');
    await runCli([
      'ingest',
      '--db',
      single,
      '--now',
      NOW,
      write('one.ics', calendar(vevent('x@test', '20261203T180000Z', 'X'))),
    ]);
    expect((await runCli(['sources', '--db', single])).stdout).toMatch(/ · 1 event · /);
  });
});
