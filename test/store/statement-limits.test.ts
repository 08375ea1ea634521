import { describe, expect, it } from 'vitest';
import { textRowBytes } from '../../src/store/ingest-writes.ts';
import { sql } from '../../src/store/sql-driver.ts';
import { jsonRowChunks, lazyJsonRowStatements } from '../../src/store/statement-limits.ts';

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
