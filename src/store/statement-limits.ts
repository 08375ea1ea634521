import type { SqlDriver, SqlStatement, SqlValue } from './sql-driver.ts';
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
const ASCII_RUNS = /[\x00-\x7f]+/g;

export function utf8Bytes(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  // Only the characters outside ASCII are walked: a long text is mostly ASCII.
  const wide = text.replace(ASCII_RUNS, '');
  let bytes = text.length - wide.length;
  for (let i = 0; i < wide.length; i++) {
    const code = wide.charCodeAt(i);
    if (code < 0x800) bytes += 2;
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
 * Statements that each carry a chunk of rows as JSON (cut as jsonRowChunks cuts them), whose payload is
 * built only when the driver reads the statement's parameters and let go once it ran: a batch of tens
 * of thousands of rows then holds one chunk at a time, where building every chunk first held over
 * 100 MB for a 10,000-event calendar with real texts. The chunk bounds are measured up front, so
 * `rowAt` must answer the same JSON each time it is asked, and `bytesAt` (when given: the row's size
 * without building it) its exact UTF-8 length.
 */
export function lazyJsonRowStatements(
  count: number,
  rowAt: (index: number) => string,
  statementOf: (json: string) => SqlStatement,
  bytesAt: (index: number) => number = (i) => utf8Bytes(rowAt(i)),
  budget = STATEMENT_BYTES,
): SqlStatement[] {
  const starts: number[] = [];
  let bytes = 2;
  for (let i = 0; i < count; i++) {
    const size = bytesAt(i) + 1;
    if (i === 0 || bytes + size > budget) {
      starts.push(i);
      bytes = 2;
    }
    bytes += size;
  }
  const chunkJson = (from: number, to: number): string => {
    const parts: string[] = [];
    for (let i = from; i < to; i++) parts.push(rowAt(i));
    return `[${parts.join(',')}]`;
  };
  const sqlText = statementOf('[]').sql;
  return starts.map((from, n) => {
    const to = starts[n + 1] ?? count;
    return {
      sql: sqlText,
      get params() {
        return statementOf(chunkJson(from, to)).params;
      },
    };
  });
}

/**
 * Parameters a multi-row VALUES statement binds at most: 512 rows of 20 cells. Larger statements ran no
 * faster (SQLite's work per row is the same) and each compiled one is kept by the driver.
 */
export const VALUES_PARAMS = 10_240;

/** Whether an engine binds enough parameters per statement to send rows as multi-row VALUES. */
export const bindsRows = (db: SqlDriver): boolean => (db.maxBoundParameters ?? MAX_PARAMS) >= VALUES_PARAMS;

/**
 * Statements that bind rows as `${head} VALUES (?, …), … ${tail}`: no JSON to build in JS and none for
 * SQL to parse again, cell by cell (writing a 10,000-event calendar spent more time on that JSON than on
 * the rows). Each statement's cells are gathered only when the driver reads its parameters, so a batch
 * holds one chunk's at a time. Row counts are powers of two: a connection compiles and keeps at most a
 * dozen statements per table, whatever the number of rows.
 */
export function lazyValuesStatements(
  count: number,
  width: number,
  head: string,
  tail: string,
  cellsAt: (index: number, into: SqlValue[]) => void,
  budget = VALUES_PARAMS,
): SqlStatement[] {
  const row = `(${placeholders(width)})`;
  const most = 2 ** Math.floor(Math.log2(Math.max(1, Math.floor(budget / width))));
  const sqlOf = new Map<number, string>();
  const statements: SqlStatement[] = [];
  for (let from = 0; from < count; ) {
    let rows = most;
    while (rows > count - from) rows /= 2;
    let text = sqlOf.get(rows);
    if (text === undefined) {
      text = `${head} VALUES ${Array.from({ length: rows }, () => row).join(', ')} ${tail}`;
      sqlOf.set(rows, text);
    }
    const first = from;
    statements.push({
      sql: text,
      get params() {
        const cells: SqlValue[] = [];
        for (let i = first; i < first + rows; i++) cellsAt(i, cells);
        return cells;
      },
    });
    from += rows;
  }
  return statements;
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
