import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { manyEvents } from '../support/calendars.ts';
import { BIN } from '../support/cli.ts';
import { startServe } from '../support/serve.ts';

const EVENTS = 3000;
const KILLS = 20;

/** `convene ingest` of one file; SIGKILL after `killAfterMs` unless it ended first. */
function ingestAndKill(db: string, file: string, killAfterMs: number | null): Promise<{ ms: number; killed: boolean }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'ingest', '--db', db, file], { stdio: 'ignore' });
  const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve) => {
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ ms: performance.now() - started, killed: signal === 'SIGKILL' });
    });
  });
}

/** The database opens, passes integrity_check, and names which version of the source it holds. */
async function storedVersion(db: string, count = EVENTS): Promise<string> {
  const raw = new Database(db);
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  raw.close();
  const store = openSqliteStore(db);
  try {
    const events = await store.listEvents({
      fromMs: 0,
      toMs: Date.now() + 400 * 86_400_000,
      includeUndated: true,
      includeCancelled: true,
    });
    const versions = new Set(events.map((e) => e.title.split(' ')[0]));
    expect(versions.size, `a mix of versions: ${[...versions].join(', ')}`).toBe(1);
    expect(events).toHaveLength(count);
    return [...versions][0]!;
  } finally {
    await store.close();
  }
}

/**
 * KILLS rounds, each writing the next version of the source and running `run` with a kill point;
 * after each, the database holds the old or the new version. The kill point follows the commit:
 * later after a kill, earlier after a run that finished, so the kills land around the moment that
 * matters whatever the machine's load. `fullMs`: a whole replacement run, to spread the kills over.
 */
async function killRounds(
  fullMs: number,
  version: (label: string) => void,
  run: (killAfterMs: number) => Promise<{ killed: boolean }>,
  stored: () => Promise<string>,
) {
  const outcomes: string[] = [];
  let held = await stored();
  let killAfter = fullMs * 0.6;
  for (let round = 1; round <= KILLS; round++) {
    const next = `v${round + 1}`;
    version(next);
    const { killed } = await run(killAfter);
    const now = await stored();
    expect([held, next]).toContain(now);
    outcomes.push(`${killed ? 'killed' : 'finished'}:${now === next ? 'new' : 'old'}`);
    killAfter *= killed ? 1.15 : 0.7;
    held = now;
  }
  const killed = outcomes.filter((o) => o.startsWith('killed'));
  // Most rounds were really killed, and killed inside the ingest (the old events stood).
  expect(killed.length, outcomes.join(' ')).toBeGreaterThanOrEqual(KILLS / 2);
  expect(
    killed.some((o) => o.endsWith(':old')),
    outcomes.join(' '),
  ).toBe(true);
}

describe('S1 crash safety: SIGKILL during ingest', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'convene-crash-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`S1 SIGKILL during ingest ${KILLS} times in a row: the database passes integrity_check and holds the old or the new events, never a mix`, async () => {
    const db = join(dir, 'crash.db');
    const file = join(dir, 'source.ics');
    const from = Date.now() + 86_400_000;
    const version = (label: string) => writeFileSync(file, manyEvents(EVENTS, from, label));
    version('v0');
    await ingestAndKill(db, file, null);
    expect(await storedVersion(db)).toBe('v0');
    // A replacement run measured whole, to spread the kills over its length.
    version('v1');
    const full = await ingestAndKill(db, file, null);
    expect(await storedVersion(db)).toBe('v1');

    await killRounds(
      full.ms,
      version,
      (killAfter) => ingestAndKill(db, file, killAfter),
      () => storedVersion(db),
    );
  }, 180_000);

  it(`S1 SIGKILL of convene serve while its worker ingests (POST /v1/sources/{id}/ingest) ${KILLS} times in a row: integrity_check ok, old or new events, never a mix`, async () => {
    const SERVER_EVENTS = 1500;
    const KEY = 's1-crash-admin-key-of-some-length';
    const auth = { authorization: `Bearer ${KEY}` };
    const db = join(dir, 'crash-serve.db');
    const file = join(dir, 'serve-source.ics');
    const from = Date.now() + 86_400_000;
    const version = (label: string) => writeFileSync(file, manyEvents(SERVER_EVENTS, from, label));
    version('v0');
    await ingestAndKill(db, file, null);
    expect(await storedVersion(db, SERVER_EVENTS)).toBe('v0');

    /** One server: its ingest of the file, killed `killAfterMs` after the request unless it answered first. */
    const serveIngestAndKill = async (killAfterMs: number | null) => {
      const { child, url } = await startServe(db, { CONVENE_ADMIN_KEY: KEY });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        const { sources } = await (await fetch(`${url}/v1/sources`, { headers: auth })).json();
        const started = performance.now();
        const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        const answered = await fetch(`${url}/v1/sources/${sources[0].id}/ingest`, { method: 'POST', headers: auth })
          .then((res) => res.status === 200)
          .catch(() => false);
        const ms = performance.now() - started;
        if (timer) clearTimeout(timer);
        return { ms, killed: !answered };
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
    };

    version('v1');
    const full = await serveIngestAndKill(null);
    expect(full.killed).toBe(false);
    expect(await storedVersion(db, SERVER_EVENTS)).toBe('v1');

    await killRounds(full.ms, version, serveIngestAndKill, () => storedVersion(db, SERVER_EVENTS));
  }, 300_000);
});
