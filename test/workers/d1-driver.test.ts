import type { D1Database } from '@cloudflare/workers-types/index.ts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createD1Driver, D1LimitError } from '../../src/store/d1-driver.ts';
import { type SqlDriver, sql } from '../../src/store/sql-driver.ts';
import { describeWith } from '../support/needs-component.ts';
import { localD1 } from '../support/workerd.ts';

describeWith('workerd')('the D1 SQL driver, in workerd', () => {
  let d1: Awaited<ReturnType<typeof localD1>>;
  let driver: SqlDriver;
  const read: number[] = [];

  beforeAll(async () => {
    d1 = await localD1();
    driver = createD1Driver(d1.db as D1Database, { onMeta: (meta) => read.push(meta.rows_read) });
    await driver.run('CREATE TABLE probe (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE, payload BLOB)');
  }, 180_000);
  afterAll(async () => {
    await d1?.dispose();
  });

  it('runs, reads and counts changes; blobs come back as bytes, as from better-sqlite3', async () => {
    const inserted = await driver.run('INSERT INTO probe (label, payload) VALUES (?, ?), (?, ?)', [
      'a',
      new Uint8Array([1, 2, 255]),
      'b',
      null,
    ]);
    expect(inserted.changes).toBe(2);
    const rows = await driver.all<{ label: string; payload: Uint8Array | null }>(
      'SELECT label, payload FROM probe ORDER BY label',
    );
    expect(rows).toEqual([
      { label: 'a', payload: new Uint8Array([1, 2, 255]) },
      { label: 'b', payload: null },
    ]);
    expect(rows[0]?.payload).toBeInstanceOf(Uint8Array);
    expect(await driver.first<{ n: number }>('SELECT count(*) AS n FROM probe WHERE label = ?', ['a'])).toEqual({
      n: 1,
    });
    expect(await driver.first('SELECT label FROM probe WHERE label = ?', ['none'])).toBeNull();
    expect(await driver.first<{ big: number }>('SELECT ? AS big', [2n ** 40n])).toEqual({ big: 2 ** 40 });
    expect(read.some((rows) => rows > 0)).toBe(true);
  });

  it('refuses what D1 refuses in production before local D1 would accept it: 101 parameters, 100 KB of SQL', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `p${i}`);
    await expect(
      driver.all(`SELECT label FROM probe WHERE label IN (${many.map(() => '?').join(', ')})`, many),
    ).rejects.toThrow(D1LimitError);
    const hundred = many.slice(0, 100);
    expect(
      await driver.all(`SELECT label FROM probe WHERE label IN (${hundred.map(() => '?').join(', ')})`, hundred),
    ).toEqual([]);
    const longSql = `SELECT '${'x'.repeat(100_001)}' AS t`;
    await expect(driver.first(longSql)).rejects.toThrow(/100000 bytes/);
    await expect(driver.first('SELECT ? AS big', [2n ** 60n])).rejects.toThrow(D1LimitError);
  });

  it("stores a text near D1's 2 MB row limit whole", async () => {
    const text = 'ä'.repeat(900_000); // 1.8 MB of UTF-8
    await driver.run('INSERT INTO probe (label, payload) VALUES (?, NULL)', [text]);
    const back = await driver.first<{ label: string }>('SELECT label FROM probe WHERE length(label) = ?', [900_000]);
    expect(back?.label).toBe(text);
  });

  it('a batch is atomic: one failing statement leaves nothing of the others', async () => {
    const before = await driver.all('SELECT label FROM probe ORDER BY label');
    await expect(
      driver.batch([
        sql('INSERT INTO probe (label) VALUES (?)', 'c'),
        sql('UPDATE probe SET payload = ? WHERE label = ?', new Uint8Array([9]), 'a'),
        sql('INSERT INTO probe (label) VALUES (?)', 'a'),
      ]),
    ).rejects.toThrow(/UNIQUE/);
    expect(await driver.all('SELECT label FROM probe ORDER BY label')).toEqual(before);
    expect(await driver.first<{ payload: Uint8Array }>('SELECT payload FROM probe WHERE label = ?', ['a'])).toEqual({
      payload: new Uint8Array([1, 2, 255]),
    });
    const results = await driver.batch([
      sql('INSERT INTO probe (label) VALUES (?)', 'c'),
      sql('DELETE FROM probe WHERE label IN (?, ?)', 'c', 'b'),
    ]);
    expect(results.map((r) => r.changes)).toEqual([1, 2]);
    expect(await driver.batch([])).toEqual([]);
  });

  it('a batch with one statement over the limits is refused whole, before anything runs', async () => {
    const many = Array.from({ length: 101 }, (_, i) => i);
    await expect(
      driver.batch([
        sql('INSERT INTO probe (label) VALUES (?)', 'd'),
        sql(`SELECT ${many.map(() => '?').join(', ')}`, ...many),
      ]),
    ).rejects.toThrow(D1LimitError);
    expect(await driver.first('SELECT label FROM probe WHERE label = ?', ['d'])).toBeNull();
  });
});
