import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { THREE_EVENTS } from './calendars.ts';
import { runCli } from './cli.ts';
import { testDir } from './test-dir.ts';

export interface CliWorkspace {
  dir: string;
  /** A database path in `dir`, not created yet. */
  db: string;
  /** `meetups.ics` in `dir`: the three Berlin meetups of THREE_EVENTS. */
  cal: string;
}

/** One test's own folder with the three-meetup calendar and a database path beside it. */
export function cliWorkspace(prefix = 'convene-cli-'): CliWorkspace {
  const dir = testDir(prefix);
  const cal = join(dir, 'meetups.ics');
  writeFileSync(cal, THREE_EVENTS);
  return { dir, db: join(dir, 'convene.db'), cal };
}

/**
 * cliWorkspace with the calendar ingested by the binary, beside `missing.ics`, a source that does not
 * exist: a store with one healthy and one failing source, as of 27 November 2026.
 */
export async function ingestedCliWorkspace(): Promise<CliWorkspace & { missing: string }> {
  const workspace = cliWorkspace();
  const missing = join(workspace.dir, 'missing.ics');
  const ingest = await runCli(['ingest', '--db', workspace.db, '--now', '2026-11-27', workspace.cal, missing]);
  expect(ingest.code, ingest.stderr).toBe(1);
  return { ...workspace, missing };
}
