import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/sha256.ts';
import { createApp } from '../../src/http/app.ts';
import { createLruCache } from '../../src/runtime/lru-cache.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';

const ADMIN_KEY = 'cvn_busy-test-admin-key-0123456789';

describe('a write while another connection holds the write lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'convene-busy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers 503 with Retry-After once its busy timeout is over, never 500, and succeeds once the lock is free', async () => {
    const path = join(dir, 'busy.db');
    const store = openSqliteStore(path, { busyTimeoutMs: 50 });
    const app = createApp({
      cache: createLruCache(1_000),
      store,
      clock: { now: () => Date.now() },
      adminKeyHash: sha256Hex(ADMIN_KEY),
    });
    const createUser = () =>
      app.request('/v1/users', {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ profile: { interests: ['rust'] } }),
      });
    // Another connection (the ingest worker's, in convene serve) in the middle of its write transaction.
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    holder.prepare("INSERT INTO settings (key, value) VALUES ('holder', 'writing')").run();
    try {
      const busy = await createUser();
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(busy.headers.get('content-type')).toBe('application/problem+json');
      expect(await busy.json()).toMatchObject({ code: 'unavailable', status: 503 });
    } finally {
      holder.exec('COMMIT');
      holder.close();
    }
    expect((await createUser()).status).toBe(201);
    await store.close();
  });
});
