import type { D1Database } from '@cloudflare/workers-types/index.ts';
import { afterAll, expect, it } from 'vitest';
import { openD1DerivedCache, openD1Store } from '../../src/store/d1.ts';
import { derivedCacheContract } from '../store/contract/derived-cache.contract.ts';
import { eventsContract } from '../store/contract/events.contract.ts';
import { feedbackContract } from '../store/contract/feedback.contract.ts';
import type { OpenStore } from '../store/contract/harness.ts';
import { publicationsContract } from '../store/contract/publications.contract.ts';
import { settingsContract } from '../store/contract/settings.contract.ts';
import { sourcesContract } from '../store/contract/sources.contract.ts';
import { usersContract } from '../store/contract/users.contract.ts';
import { describeWith } from '../support/needs-component.ts';
import { localD1 } from '../support/workerd.ts';

type Row = Record<string, string | number | null | number[]>;

/**
 * One local D1 in workerd, migrated once by wrangler; each test gets it back as migrated: every table
 * emptied and the rows the migrations seeded put back, in one D1 batch (faster than a database per test).
 */
let d1: Awaited<ReturnType<typeof localD1>> | undefined;
let seeded: { table: string; rows: Row[] }[] = [];

async function tablesOf(db: D1Database): Promise<string[]> {
  const { results } = await db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT IN ('d1_migrations', 'sqlite_sequence')",
    )
    .all<{ name: string }>();
  return results.map((r) => r.name);
}

async function migrated(): Promise<D1Database> {
  if (!d1) {
    d1 = await localD1();
    const db = d1.db;
    seeded = await Promise.all(
      (await tablesOf(db)).map(async (table) => ({
        table,
        rows: (await db.prepare(`SELECT * FROM "${table}"`).all<Row>()).results,
      })),
    );
    return db;
  }
  const db = d1.db;
  const restore = seeded.flatMap(({ table, rows }) =>
    rows.map((row) => {
      const columns = Object.keys(row);
      return db
        .prepare(
          `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        )
        .bind(...columns.map((c) => row[c]));
    }),
  );
  await db.batch([
    db.prepare('PRAGMA defer_foreign_keys = on'),
    ...(await tablesOf(db)).map((table) => db.prepare(`DELETE FROM "${table}"`)),
    db.prepare('DELETE FROM sqlite_sequence'),
    ...restore,
  ]);
  return db;
}

const openD1: OpenStore = async () => ({ store: openD1Store(await migrated()), close: async () => {} });

afterAll(async () => {
  await d1?.dispose();
}, 60_000);

describeWith('workerd')('the D1 store in workerd: the store contract suites', () => {
  sourcesContract(openD1);
  eventsContract(openD1);
  usersContract(openD1);
  feedbackContract(openD1);
  publicationsContract(openD1);
  settingsContract(openD1);
  derivedCacheContract(async () => ({ derived: openD1DerivedCache(await migrated()), close: async () => {} }));

  it('a second store over the same database sees the change stamp move when the first writes', async () => {
    const db = await migrated();
    const mine = openD1Store(db);
    const theirs = openD1Store(db);
    const before = await mine.changeStamp();
    await theirs.ensureSource({ location: '/elsewhere.ics' });
    expect(await mine.changeStamp()).not.toBe(before);
  });
});
