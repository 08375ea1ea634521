import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import { createSqlStore } from '../../src/store/sql-store.ts';
import { openSqliteDriver, openSqliteStore } from '../../src/store/sqlite.ts';
import { openSqliteDerivedCache } from '../../src/store/sqlite-derived-cache.ts';
import { derivedCacheContract } from './contract/derived-cache.contract.ts';
import { eventsContract } from './contract/events.contract.ts';
import { feedbackContract } from './contract/feedback.contract.ts';
import type { OpenStore } from './contract/harness.ts';
import { publicationsContract } from './contract/publications.contract.ts';
import { settingsContract } from './contract/settings.contract.ts';
import { sourcesContract } from './contract/sources.contract.ts';
import { usersContract } from './contract/users.contract.ts';

/** A real SQLite file in its own temporary folder, removed on close. */
const openSqlite: OpenStore = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'convene-contract-'));
  const store = openSqliteStore(join(dir, 'convene.db'));
  return {
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/**
 * The same file through a driver that binds no more parameters than D1: rows go as JSON read by
 * jsonb_each, as they do on D1, where the SQLite driver itself binds them as multi-row VALUES.
 */
const openSqliteWithD1Limits: OpenStore = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'convene-contract-'));
  const store = createSqlStore({ ...openSqliteDriver(join(dir, 'convene.db')), maxBoundParameters: 100 }, systemClock);
  return {
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

sourcesContract(openSqlite);
eventsContract(openSqlite);
usersContract(openSqlite);
feedbackContract(openSqlite);
publicationsContract(openSqlite);
settingsContract(openSqlite);
describe('with rows sent as JSON, as to D1', () => {
  eventsContract(openSqliteWithD1Limits);
});
derivedCacheContract(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'convene-contract-'));
  const path = join(dir, 'convene.db');
  // The store applies the migrations; the derived cache lives in the same file, on its own connection.
  const store = openSqliteStore(path);
  const derived = openSqliteDerivedCache(path);
  return {
    derived,
    close: async () => {
      derived.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('the SQLite store beside another connection to the same file', () => {
  it('sees the change stamp move when another connection writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convene-contract-'));
    const path = join(dir, 'convene.db');
    const mine = openSqliteStore(path);
    const theirs = openSqliteStore(path);
    try {
      const before = await mine.changeStamp();
      await theirs.ensureSource({ location: '/elsewhere.ics' });
      expect(await mine.changeStamp()).not.toBe(before);
    } finally {
      await mine.close();
      await theirs.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
