import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { D1Database } from '@cloudflare/workers-types/index.ts';
import type { EventStore } from '../../src/core/event-store.ts';
import { openD1Store } from '../../src/store/d1.ts';

export const ROOT = join(import.meta.dirname, '..', '..');
export const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler');
export const WORKERD = join(ROOT, 'node_modules', '.bin', 'workerd');

/** Nothing leaves the machine: no metrics, no update check, no request.cf sample download. */
export const OFFLINE_WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
} as const;

/** Applies the SQL migrations to a fresh local D1 in `dir`, as `npm run dev:worker` and deploys do. */
export function migrateLocalD1(dir: string): void {
  const result = spawnSync(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir], {
    cwd: ROOT,
    env: { ...process.env, ...OFFLINE_WRANGLER_ENV },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`migrations did not apply to local D1:\n${result.stdout}\n${result.stderr}`);
}

/** wrangler's platform proxy over the local D1 in `dir`, migrated first: the bindings of wrangler.toml, served by workerd. */
async function migratedProxy(dir: string) {
  migrateLocalD1(dir);
  Object.assign(process.env, OFFLINE_WRANGLER_ENV);
  const { getPlatformProxy } = await import('wrangler');
  return getPlatformProxy<{ DB: D1Database }>({
    configPath: join(ROOT, 'wrangler.toml'),
    persist: { path: join(dir, 'v3') },
  });
}

/**
 * A local D1 database served by workerd (through wrangler's platform proxy), migrated, in its own
 * temporary folder. Statements run in workerd's D1, not in better-sqlite3.
 */
export async function localD1(
  dir = mkdtempSync(join(tmpdir(), 'convene-d1-')),
): Promise<{ db: D1Database; dir: string; dispose: () => Promise<void> }> {
  const proxy = await migratedProxy(dir);
  return {
    db: proxy.env.DB,
    dir,
    dispose: async () => {
      await proxy.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes through the D1 store into the local D1 in `dir` before a Worker opens it (`wrangler dev
 * --persist-to dir`): sources on 127.0.0.1, which the API refuses to add, and users.
 */
export async function seedLocalD1(dir: string, seed: (store: EventStore) => Promise<void>): Promise<void> {
  const proxy = await migratedProxy(dir);
  try {
    await seed(openD1Store(proxy.env.DB));
  } finally {
    await proxy.dispose();
  }
}

/**
 * The SQLite file behind the local D1 that `wrangler dev --persist-to dir` serves: read beside the
 * running Worker to see what it stored, as `wrangler d1 execute --local` would, without a second workerd.
 */
export function localD1File(dir: string): string {
  const objects = join(dir, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const files = readdirSync(objects).filter((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite');
  if (files.length !== 1) throw new Error(`expected one local D1 database in ${objects}, found: ${files.join(', ')}`);
  return join(objects, files[0]!);
}
