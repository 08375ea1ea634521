import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { renderDemoTemplate } from '../../src/runtime/demo-template.ts';
import { runCli } from './cli.ts';
import { testDir } from './test-dir.ts';

const DATA = join(import.meta.dirname, '..', '..', 'data');

export interface DemoWorkspace {
  dir: string;
  /** The demo sources ingested as of `now`. */
  db: string;
  /** The demo profile, its meeting dates rendered for `now`; a copy of its own, so feedback may write it. */
  profile: string;
}

/** Per `now`, a database with the demo sources ingested by the binary, read only ever after (copied per test). */
const ingested = new Map<string, Promise<string>>();

function demoDatabase(now: string): Promise<string> {
  let db = ingested.get(now);
  if (!db) {
    const dir = mkdtempSync(join(tmpdir(), 'convene-demo-db-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'convene.db');
    db = runCli(['ingest', '--db', path, '--now', now, '--sources', join(DATA, 'sources.demo.json')]).then((run) => {
      expect(run.code, run.stderr).toBe(0);
      return path;
    });
    ingested.set(now, db);
  }
  return db;
}

/**
 * One test's own folder with the demo profile and contacts and a database holding the demo sources, as
 * of `now`. The ingest runs once per test file; each test gets its own copy of the database, so what one
 * test says (feedback, attendance) never reaches another.
 */
export async function demoWorkspace(now: string): Promise<DemoWorkspace> {
  const dir = testDir('convene-demo-');
  const db = join(dir, 'convene.db');
  const ingestedDb = await demoDatabase(now);
  // The binary has exited, so the database is whole in its main file; a journal left beside it goes too.
  for (const suffix of ['', '-wal', '-shm'])
    if (existsSync(ingestedDb + suffix)) copyFileSync(ingestedDb + suffix, db + suffix);
  const profile = join(dir, 'profile.json');
  // The demo profile's meeting dates follow today; a test that pins today renders them for its `now`.
  writeFileSync(
    profile,
    renderDemoTemplate(readFileSync(join(DATA, 'demo', 'profile.template.json'), 'utf8'), Date.parse(now)),
  );
  copyFileSync(join(DATA, 'demo', 'contacts.vcf'), join(dir, 'contacts.vcf'));
  return { dir, db, profile };
}
