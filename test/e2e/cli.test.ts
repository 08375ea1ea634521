import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Recommendations } from '../../src/core/ranking.ts';
import { THREE_EVENTS } from '../support/calendars.ts';
import { BIN, runCli } from '../support/cli.ts';
import { cliWorkspace, ingestedCliWorkspace } from '../support/cli-workspace.ts';
import { itWith } from '../support/needs-component.ts';
import { scriptPath } from '../support/system-components.ts';
import { testDir } from '../support/test-dir.ts';

// Each test has its own folder and database (see cli-workspace.ts): none reads what another wrote.
describe('the convene binary', () => {
  it('--help names every command', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const command of ['ingest', 'sources', 'events', 'serve', 'start']) expect(stdout).toContain(command);
  });

  it('ingest --json reports each source; one failing source does not stop the others but sets exit code 1', async () => {
    const { dir, db, cal } = cliWorkspace();
    const missing = join(dir, 'missing.ics');
    const { code, stdout } = await runCli(['ingest', '--db', db, '--json', '--now', '2026-11-27', cal, missing]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      sources: { source: string; status: string; error: unknown; counts: unknown; warnings: string[] }[];
    };
    expect(report.sources).toEqual([
      expect.objectContaining({
        source: cal,
        status: 'ok',
        error: null,
        counts: { new: 3, changed: 0, unchanged: 0, cancelled: 0, withdrawn: 0 },
      }),
      expect.objectContaining({
        source: missing,
        status: 'error',
        error: { kind: 'network', message: 'file not found' },
      }),
    ]);
  });

  it('events --json lists stored occurrences with the documented fields', async () => {
    const { db, cal } = await ingestedCliWorkspace();
    const { code, stdout } = await runCli([
      'events',
      '--db',
      db,
      '--json',
      '--from',
      '2026-11-01',
      '--to',
      '2027-01-01',
    ]);
    expect(code).toBe(0);
    const { events } = JSON.parse(stdout) as { events: Record<string, unknown>[] };
    expect(events).toHaveLength(3);
    for (const key of [
      'id',
      'uid',
      'title',
      'start',
      'end',
      'status',
      'kind',
      'online',
      'city',
      'country',
      'url',
      'sources',
    ]) {
      expect(events[0]).toHaveProperty(key);
    }
    expect(events[0]).toMatchObject({
      uid: 'a@test',
      start: '2026-12-03T18:00:00Z',
      status: 'confirmed',
      sources: [cal],
    });
  });

  it('events --search finds by lunr syntax, best first, and names the flag on a bad query', async () => {
    const { db } = await ingestedCliWorkspace();
    const range = ['--from', '2026-11-01', '--to', '2027-01-01'];
    const found = await runCli(['events', '--db', db, '--json', ...range, '--search', '+berlin -owasp']);
    expect(found.code).toBe(0);
    const titles = (JSON.parse(found.stdout) as { events: { title: string }[] }).events.map((e) => e.title);
    expect(titles).toEqual(['Rust Berlin meetup']);
    const bad = await runCli(['events', '--db', db, ...range, '--search', 'venue:berlin']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--search: unrecognised field 'venue'/);
  });

  it('sources --json shows health', async () => {
    const { db, cal } = await ingestedCliWorkspace();
    const { stdout } = await runCli(['sources', '--db', db, '--json']);
    const { sources } = JSON.parse(stdout) as {
      sources: { location: string; status: string; eventCount: number; lastErrorKind: string | null }[];
    };
    expect(sources.find((s) => s.location === cal)).toMatchObject({ status: 'ok', eventCount: 3 });
    expect(sources.find((s) => s.location.endsWith('missing.ics'))).toMatchObject({
      status: 'error',
      lastErrorKind: 'network',
    });
  });

  it('a bad date is a usage error (exit 2) that names the flag', async () => {
    const { db, cal } = cliWorkspace();
    const { code, stderr } = await runCli(['ingest', '--db', db, '--from', 'next tuesday', cal]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--from: not a date/);
  });

  it('--sources reads a list whose paths are relative to the list', async () => {
    const { dir, cal } = cliWorkspace();
    const list = join(dir, 'list.json');
    writeFileSync(list, JSON.stringify({ sources: [{ location: 'meetups.ics', name: 'Meetups', kind: 'meetup' }] }));
    const { stdout } = await runCli(['ingest', '--db', join(dir, 'other.db'), '--json', '--sources', list]);
    expect(JSON.parse(stdout).sources[0]).toMatchObject({ source: cal, name: 'Meetups', status: 'ok' });
  });

  it('an invalid --sources file names the field', async () => {
    const { dir, db } = cliWorkspace();
    const list = join(dir, 'bad-list.json');
    writeFileSync(list, JSON.stringify({ sources: [{ location: 'x.ics', kind: 'party' }] }));
    const { code, stderr } = await runCli(['ingest', '--db', db, '--sources', list]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/bad-list\.json: sources\.0/);
  });

  itWith('script')('draws a progress bar on a terminal and one plain line a source otherwise', () => {
    const { dir, cal } = cliWorkspace();
    const second = join(dir, 'second.ics');
    writeFileSync(second, THREE_EVENTS.replaceAll('@test', '@second'));
    // Pinned: the calendar's first event would otherwise fall out of the window once its day has passed.
    const now = ['--now', '2026-11-27'];
    const command = `${process.execPath} ${BIN} ingest --db ${join(dir, 'tty.db')} ${now.join(' ')} ${cal} ${second}`;
    // util-linux `script` gives the child a pseudo-terminal, as a person's shell would.
    const env = { ...process.env };
    delete env.CI;
    const tty = spawnSync(scriptPath(), ['-qec', command, '/dev/null'], { env, encoding: 'utf8' });
    expect(tty.error?.message, 'script (util-linux) must run').toBeUndefined();
    expect(tty.stdout).toMatch(/ingesting \[[=-]+\] 2\/2 sources/);
    const piped = spawnSync(process.execPath, [BIN, 'ingest', '--db', join(dir, 'pipe.db'), ...now, cal, second], {
      env,
      encoding: 'utf8',
    });
    // One line a source, once: printed when the run is over, with no progress line before it.
    expect(piped.stdout.match(/^.*: ok \(3 new/gm)).toHaveLength(2);
    expect(piped.stderr).not.toMatch(/ok \(3 new|ingesting \[/);
  });

  it('start ingests the demo sources and serves ranked picks on localhost', async () => {
    const dir = testDir('convene-start-');
    const child = spawn(process.execPath, [BIN, 'start', '--db', join(dir, 'demo.db'), '--port', '0'], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...process.env, CI: 'true' },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stderr = '';
        child.stderr.on('data', (d) => {
          stderr += d;
          const match = /serving on (http:\/\/\S+?)\/ /.exec(stderr);
          if (match) resolve(match[1]!);
        });
        child.on('exit', () => reject(new Error(`start exited: ${stderr}`)));
      });
      const events = (await (await fetch(`${url}/v1/events`)).json()) as { events: { title: string; kind: string }[] };
      expect(events.events.length).toBeGreaterThan(20);
      expect(new Set(events.events.map((e) => e.kind))).toEqual(
        new Set(['meetup', 'study-group', 'conference', 'volunteer', 'internal', 'workshop']),
      );
      const picks = (await (await fetch(`${url}/v1/picks`)).json()) as Recommendations;
      expect(picks.picks.length).toBeGreaterThan(3);
      for (const pick of [...picks.picks, ...picks.giveFirst]) {
        expect(pick.score).toBeCloseTo(
          pick.reasons.reduce((sum, r) => sum + r.weight, 0),
          1,
        );
      }
      const kinds = new Set([...picks.picks, ...picks.giveFirst].flatMap((p) => p.reasons.map((r) => r.kind)));
      for (const kind of [
        'interest',
        'coverage-gap',
        'maintenance',
        'give-first',
        'channel-balance',
        'venue-fit',
        'nearby',
      ]) {
        expect(kinds, kind).toContain(kind);
      }
      const page = await fetch(`${url}/`);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(await page.text()).toContain('Rust Berlin meetup');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
