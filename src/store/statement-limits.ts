import type { SqlDriver } from './sql-driver.ts';
/** What a row sent as JSON may hold (json_each reads numbers back as INTEGER or REAL, null as NULL). */
export type JsonCell = string | number | null;

/** D1 binds at most 100 parameters per statement. */
export const MAX_PARAMS = 100;

/**
 * D1 takes at most 100 KB per statement; a JSON payload of rows is cut below that, with room for the
 * SQL around it. A single row larger than this (a long text) still goes, alone: rows may reach 2 MB.
 */
export const STATEMENT_BYTES = 90_000;

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** `?, ?, ?` for an IN list of `count` values. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

const NON_ASCII = /[^\x00-\x7f]/;

function utf8Bytes(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    // A surrogate pair is 4 bytes in UTF-8: 2 per half.
    else if (code >= 0xd800 && code < 0xe000) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

/**
 * Rows as JSON arrays of arrays, each array under `budget` bytes, for statements that read their rows
 * with json_each: one bound parameter carries many rows, where a multi-row VALUES would run out of
 * parameters after a handful.
 */
export function jsonRowChunks(rows: readonly (readonly JsonCell[])[], budget = STATEMENT_BYTES): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let bytes = 2;
  for (const row of rows) {
    const json = JSON.stringify(row);
    const size = utf8Bytes(json) + 1;
    if (parts.length > 0 && bytes + size > budget) {
      chunks.push(`[${parts.join(',')}]`);
      parts = [];
      bytes = 2;
    }
    parts.push(json);
    bytes += size;
  }
  if (parts.length > 0) chunks.push(`[${parts.join(',')}]`);
  return chunks;
}

/**
 * The table function that reads rows sent as JSON. jsonb_each (SQLite 3.51+) hands each row to `->>` as
 * binary JSON, where json_each hands it over as text that every `->>` parses again: for a row of 17
 * columns, a third of the cost. Engines without it (an older D1) read the same JSON with json_each.
 */
export type JsonEach = 'jsonb_each' | 'json_each';

export function jsonEachOf(db: SqlDriver): () => Promise<JsonEach> {
  let probe: Promise<JsonEach> | null = null;
  return () => {
    probe ??= db.first("SELECT 1 AS ok FROM jsonb_each('[1]')").then(
      (): JsonEach => 'jsonb_each',
      (): JsonEach => 'json_each',
    );
    return probe;
  };
}
