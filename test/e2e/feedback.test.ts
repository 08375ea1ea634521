import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Gaps } from '../../src/core/gaps.ts';
import type { Recommendations } from '../../src/core/ranking.ts';
import { runCli } from '../support/cli.ts';
import { type DemoWorkspace, demoWorkspace } from '../support/demo-workspace.ts';
import { itWith } from '../support/needs-component.ts';
import { runPython } from '../support/python.ts';

const DATA = join(import.meta.dirname, '..', '..', 'data');
const NOW = '2026-11-27';

/** Read back by Python's icalendar and feedparser. */
const pyIt = itWith('python3-icalendar', 'python3-feedparser');

/** The recommend and feedback commands over one test's own demo workspace. */
function commands({ db, profile }: DemoWorkspace) {
  const recommend = async () => {
    const { code, stdout, stderr } = await runCli([
      'recommend',
      '--db',
      db,
      '--profile',
      profile,
      '--now',
      NOW,
      '--format',
      'json',
      '--limit',
      '30',
    ]);
    expect(code, stderr).toBe(0);
    return JSON.parse(stdout) as Recommendations;
  };
  const feedback = (...args: string[]) => runCli(['feedback', '--db', db, '--profile', profile, '--now', NOW, ...args]);
  return { recommend, feedback };
}

// Each test has its own copy of the ingested demo (see demo-workspace.ts): no test sees another's feedback.
describe('feedback through the binary, kept across runs', () => {
  it('recommend --format json has the documented shape', async () => {
    const { recommend } = commands(await demoWorkspace(NOW));
    const result = await recommend();
    expect(Object.keys(result).sort()).toEqual(['gaps', 'generatedAt', 'giveFirst', 'picks']);
    const pick = result.picks[0]!;
    expect(Object.keys(pick).sort()).toEqual(['event', 'reasons', 'score', 'shareWith']);
    expect(Object.keys(pick.event).sort()).toEqual(
      [
        'cfp',
        'city',
        'country',
        'end',
        'id',
        'kind',
        'lastChanged',
        'location',
        'online',
        'sources',
        'start',
        'title',
        'topics',
        'url',
      ].sort(),
    );
    expect(pick.reasons[0]).toEqual({ kind: expect.any(String), text: expect.any(String), weight: expect.any(Number) });
  });

  pyIt('recommend --format ics and atom write the subscription formats, read back by independent parsers', async () => {
    const workspace = await demoWorkspace(NOW);
    const { db, profile } = workspace;
    const { recommend } = commands(workspace);
    const picks = await recommend();
    const run = async (...extra: string[]) => {
      const args = ['recommend', '--db', db, '--profile', profile, '--now', NOW, '--limit', '30', ...extra];
      const { code, stdout, stderr } = await runCli(args);
      expect(code, stderr).toBe(0);
      return stdout;
    };
    const ics = await run('--format', 'ics');
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    expect(events.map((v) => v.getFirstPropertyValue('uid'))).toEqual(
      expect.arrayContaining(picks.picks.map((p) => `pick-${p.event.id}@convene`)),
    );
    expect(events).toHaveLength(picks.picks.length);
    const python = runPython<{ n: number }>(
      "import sys, json\nfrom icalendar import Calendar\nc = Calendar.from_ical(sys.stdin.buffer.read())\nprint(json.dumps({'n': len(c.walk('VEVENT'))}))",
      ics,
    );
    expect(python.n).toBe(picks.picks.length);
    expect(await run('--format', 'ics', '--calendar', 'give')).toContain(
      'SUMMARY:Call for papers closes: TypeScript Day B',
    );
    const atom = runPython<{ bozo: number; entries: number }>(
      "import sys, json, feedparser\nd = feedparser.parse(sys.stdin.buffer.read())\nprint(json.dumps({'bozo': int(d.bozo), 'entries': len(d.entries)}))",
      await run('--format', 'atom'),
    );
    expect(atom).toEqual({ bozo: 0, entries: picks.picks.length });
  });

  it('not-interested removes the pick and lowers the rest of its series, saying why', async () => {
    const { recommend, feedback } = commands(await demoWorkspace(NOW));
    const before = await recommend();
    const owasp = before.picks.find((p) => p.event.title === 'OWASP Berlin chapter meeting')!;
    const { code, stdout } = await feedback(owasp.event.id, 'not-interested', '--reason', 'too far this month');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^not-interested: OWASP Berlin chapter meeting/);
    const after = await recommend();
    expect(after.picks.map((p) => p.event.id)).not.toContain(owasp.event.id);
    const sibling = after.picks.find((p) => p.event.title === 'OWASP Berlin chapter meeting');
    // The next meeting of the series is still there, lower, and says why.
    expect(sibling).toBeDefined();
    expect(sibling!.event.start! > owasp.event.start!).toBe(true);
    expect(sibling!.reasons).toContainEqual(
      expect.objectContaining({
        kind: 'feedback',
        text: 'you dismissed a similar event (OWASP Berlin chapter meeting)',
      }),
    );
    expect(sibling!.score).toBeLessThan(owasp.score);
  });

  it('going pins an event to the top', async () => {
    const { recommend, feedback } = commands(await demoWorkspace(NOW));
    const before = await recommend();
    const last = before.picks.at(-1)!;
    await feedback(last.event.id, 'going');
    const after = await recommend();
    expect(after.picks[0]!.event.id).toBe(last.event.id);
    expect(after.picks[0]!.reasons).toContainEqual(
      expect.objectContaining({ kind: 'feedback', text: 'you said you are going' }),
    );
  });

  it('attended --met updates lastSeen and channel in the profile, and the maintenance gap follows', async () => {
    const workspace = await demoWorkspace(NOW);
    const { db, profile } = workspace;
    const { recommend, feedback } = commands(workspace);
    const gaps = async (now = NOW) =>
      JSON.parse((await runCli(['gaps', '--profile', profile, '--db', db, '--now', now, '--json'])).stdout) as Gaps;
    expect((await gaps()).maintenance.overdue.map((m) => m.name)).toContain('Grace Hopper');
    const rust = (await recommend()).picks.find((p) => p.event.title.startsWith('Rust Berlin meetup'))!;
    // Attended is said once the meetup has happened: the day after it.
    const after = new Date(Date.parse(rust.event.start!) + 86_400_000).toISOString();
    const { code, stdout } = await feedback(
      rust.event.id,
      'attended',
      '--met',
      'Grace Hopper',
      'New Person',
      '--now',
      after,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/new: New Person/);
    const saved = JSON.parse(readFileSync(profile, 'utf8')) as {
      contacts: { name: string; lastSeen?: string; channel?: string }[];
    };
    expect(saved.contacts.find((c) => c.name === 'Grace Hopper')).toMatchObject({
      lastSeen: rust.event.start!.slice(0, 10),
      channel: 'offline',
    });
    expect(saved.contacts.find((c) => c.name === 'New Person')).toMatchObject({ tier: 'acquaintance' });
    expect((await gaps(after)).maintenance.overdue.map((m) => m.name)).not.toContain('Grace Hopper');
  });

  it('an unknown event id is a usage error that says where ids come from', async () => {
    const { feedback } = commands(await demoWorkspace(NOW));
    const { code, stderr } = await feedback('0000000000000000', 'going');
    expect(code).toBe(2);
    expect(stderr).toMatch(/no event with id 0000000000000000/);
  });

  it('an unknown format or calendar is a usage error naming the choices', async () => {
    const { db, profile } = await demoWorkspace(NOW);
    const format = await runCli(['recommend', '--db', db, '--profile', profile, '--format', 'rss']);
    expect(format.code).not.toBe(0);
    expect(format.stderr).toMatch(/Allowed choices are json, table, ics, atom/);
    const which = await runCli(['recommend', '--db', db, '--profile', profile, '--format', 'ics', '--calendar', 'x']);
    expect(which.stderr).toMatch(/Allowed choices are picks, give/);
  });
  it('a template profile is not written back: attended asks for a copy of ones own', async () => {
    const { db } = await demoWorkspace(NOW);
    const { code, stderr } = await runCli([
      'feedback',
      '--db',
      db,
      '--profile',
      join(DATA, 'demo', 'profile.template.json'),
      'ffffffffffffffff',
      'attended',
      '--met',
      'Grace Hopper',
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/is a template whose dates follow today; copy it/);
  });
});
