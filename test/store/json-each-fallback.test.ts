import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import type { SqlDriver } from '../../src/store/sql-driver.ts';
import { createSqlStore } from '../../src/store/sql-store.ts';
import { openSqliteDriver } from '../../src/store/sqlite.ts';
import { eventsContract } from './contract/events.contract.ts';
import type { OpenStore } from './contract/harness.ts';
import { publicationsContract } from './contract/publications.contract.ts';

/**
 * SQLite before 3.51 (and a D1 on it) has no jsonb_each: the real SQLite file, with every statement that
 * names it refused as such an engine refuses it.
 */
function withoutJsonbEach(driver: SqlDriver, refused: string[]): SqlDriver {
  const check = (sql: string): string => {
    if (sql.includes('jsonb_each')) {
      refused.push(sql);
      throw new Error('no such table: jsonb_each');
    }
    return sql;
  };
  return {
    all: async (sql, params) => driver.all(check(sql), params),
    first: async (sql, params) => driver.first(check(sql), params),
    run: async (sql, params) => driver.run(check(sql), params),
    batch: async (statements) => {
      for (const s of statements) check(s.sql);
      return driver.batch(statements);
    },
    close: () => driver.close(),
  };
}

const refused: string[] = [];
const openOlderSqlite: OpenStore = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'convene-contract-'));
  const store = createSqlStore(withoutJsonbEach(openSqliteDriver(join(dir, 'convene.db')), refused), systemClock);
  return {
    store,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

describe('on an engine without jsonb_each', () => {
  eventsContract(openOlderSqlite);
  publicationsContract(openOlderSqlite);
  it('the store asked once per store whether it has jsonb_each, and wrote with json_each', () => {
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((sql) => sql.includes("jsonb_each('[1]')"))).toBe(true);
  });
});
