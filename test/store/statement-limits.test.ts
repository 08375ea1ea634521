import { describe, expect, it } from 'vitest';
import { textRowBytes } from '../../src/store/ingest-writes.ts';
import { sql } from '../../src/store/sql-driver.ts';
import { jsonRowChunks, lazyJsonRowStatements, lazyValuesStatements } from '../../src/store/statement-limits.ts';

const rows = Array.from({ length: 400 }, (_, i) => [`row-${i}`, 'é'.repeat(i % 7 === 0 ? 300 : 20), i]);
const utf8 = (text: string) => new TextEncoder().encode(text).length;

describe('rows sent as JSON chunks', () => {
  it('cuts rows under the byte budget, counting UTF-8 bytes, and keeps an oversized row alone', () => {
    const chunks = jsonRowChunks([...rows, ['big', 'ü'.repeat(2000), 0]], 2_000);
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks.slice(0, -1)) expect(utf8(chunk)).toBeLessThanOrEqual(2_000);
    expect(JSON.parse(chunks.at(-1)!)).toEqual([['big', 'ü'.repeat(2000), 0]]);
    expect(chunks.flatMap((chunk) => JSON.parse(chunk))).toEqual([...rows, ['big', 'ü'.repeat(2000), 0]]);
  });

  it('builds a lazy statement’s payload when its parameters are read: the same chunks, the same SQL', () => {
    const built: number[] = [];
    const statements = lazyJsonRowStatements(
      rows.length,
      (i) => {
        built.push(i);
        return JSON.stringify(rows[i]);
      },
      (json) => sql('INSERT INTO t SELECT * FROM json_each(?) WHERE ? > 0', json, 1),
      undefined,
      2_000,
    );
    const measured = built.length;
    expect(measured).toBe(rows.length);
    expect(statements.every((s) => s.sql === 'INSERT INTO t SELECT * FROM json_each(?) WHERE ? > 0')).toBe(true);
    expect(built.length).toBe(measured);
    expect(statements.map((s) => s.params)).toEqual(jsonRowChunks(rows, 2_000).map((json) => [json, 1]));
    expect(built.length).toBe(measured + rows.length);
  });
});

describe('a text row sized without serialising it again', () => {
  it('counts the bytes JSON.stringify would write for ["id", json]', () => {
    const texts = [
      { title: 'Plain', description: null },
      { title: 'Quotes "inside" and a back\\slash', description: 'Zürich – 東京 😀\nnew line\ttab' },
      { title: '\u2028 separators \u2029', description: '</script> & <b>' },
    ];
    for (const text of texts) {
      const row: [string, string] = ['0123456789abcdef', JSON.stringify(text)];
      expect(textRowBytes(row)).toBe(new TextEncoder().encode(JSON.stringify(row)).length);
    }
  });
});

describe('rows bound as multi-row VALUES', () => {
  const cellsOf = (i: number) => [`row-${i}`, i];

  it('binds every row once, in order, in statements of power-of-two rows within the budget', () => {
    const statements = lazyValuesStatements(
      1_000,
      2,
      'INSERT INTO t (a, b)',
      'ON CONFLICT DO NOTHING',
      (i, into) => {
        into.push(...cellsOf(i));
      },
      600,
    );
    const rowCounts = statements.map((s) => s.params.length / 2);
    expect(rowCounts).toEqual([256, 256, 256, 128, 64, 32, 8]);
    expect(statements.flatMap((s) => s.params)).toEqual(Array.from({ length: 1_000 }, (_, i) => cellsOf(i)).flat());
    for (const [n, statement] of statements.entries()) {
      expect(statement.sql.startsWith('INSERT INTO t (a, b) VALUES (?, ?), (?, ?)') || rowCounts[n] === 1).toBe(true);
      expect(statement.sql.endsWith(' ON CONFLICT DO NOTHING')).toBe(true);
      expect(statement.sql.match(/\?/g)?.length).toBe(statement.params.length);
    }
    // The same row count is the same SQL text: the driver compiles it once.
    expect(new Set(statements.map((s) => s.sql)).size).toBe(new Set(rowCounts).size);
  });

  it('gathers a statement’s cells only when its parameters are read', () => {
    const gathered: number[] = [];
    const statements = lazyValuesStatements(5, 2, 'INSERT INTO t (a, b)', '', (i, into) => {
      gathered.push(i);
      into.push(...cellsOf(i));
    });
    expect(statements.map((s) => s.sql)).toEqual([
      'INSERT INTO t (a, b) VALUES (?, ?), (?, ?), (?, ?), (?, ?) ',
      'INSERT INTO t (a, b) VALUES (?, ?) ',
    ]);
    expect(gathered).toEqual([]);
    expect(statements[1]!.params).toEqual(cellsOf(4));
    expect(gathered).toEqual([4]);
  });

  it('writes nothing for no rows', () => {
    expect(lazyValuesStatements(0, 20, 'INSERT INTO t', '', () => {})).toEqual([]);
  });
});
