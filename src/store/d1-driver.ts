import type { D1Database, D1Meta, D1PreparedStatement } from '@cloudflare/workers-types/index.ts';
import type { SqlDriver, SqlRunResult, SqlStatement, SqlValue } from './sql-driver.ts';

/** D1's published limits per statement; local D1 (workerd's SQLite) is laxer, so they are checked here. */
export const D1_MAX_BOUND_PARAMETERS = 100;
export const D1_MAX_STATEMENT_BYTES = 100_000;

export interface D1Usage {
  queries: number;
  rowsRead: number;
  rowsWritten: number;
}

export interface D1DriverOptions {
  /** Told of every statement's D1 metadata: the Worker counts rows read and written per request with it. */
  onMeta?: (meta: Pick<D1Meta, 'rows_read' | 'rows_written'>) => void;
}

const encoder = new TextEncoder();

export class D1LimitError extends RangeError {}

/** A statement local D1 would run but D1 itself refuses: found in tests on this machine, not in production. */
function checkLimits(text: string, params: readonly SqlValue[]): void {
  if (params.length > D1_MAX_BOUND_PARAMETERS)
    throw new D1LimitError(
      `a D1 statement binds at most ${D1_MAX_BOUND_PARAMETERS} parameters, this one ${params.length}: ${text.slice(0, 80)}`,
    );
  if (text.length * 3 > D1_MAX_STATEMENT_BYTES && encoder.encode(text).byteLength > D1_MAX_STATEMENT_BYTES)
    throw new D1LimitError(`a D1 statement is at most ${D1_MAX_STATEMENT_BYTES} bytes of SQL: ${text.slice(0, 80)}`);
}

/** D1 binds numbers, strings, null and byte arrays; a bigint is bound as the number it is when exact. */
function bindable(value: SqlValue): string | number | null | Uint8Array {
  if (typeof value !== 'bigint') return value;
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
    throw new D1LimitError(`D1 cannot bind ${value}: beyond 2^53`);
  return Number(value);
}

/** D1 answers BLOB columns as arrays of byte values; the seam promises Uint8Array, as better-sqlite3 gives. */
function withBlobs<Row>(row: Record<string, unknown>): Row {
  for (const key in row) {
    const value = row[key];
    if (Array.isArray(value)) row[key] = Uint8Array.from(value as number[]);
  }
  return row as Row;
}

function prepare(db: D1Database, text: string, params: readonly SqlValue[]): D1PreparedStatement {
  checkLimits(text, params);
  const statement = db.prepare(text);
  return params.length === 0 ? statement : statement.bind(...params.map(bindable));
}

/** The SQL driver seam (sql-driver.ts) over a D1 binding: the same statements the SQLite driver runs. */
export function createD1Driver(db: D1Database, options: D1DriverOptions = {}): SqlDriver {
  const note = (meta: D1Meta | undefined) => {
    if (meta && options.onMeta) options.onMeta(meta);
  };
  return {
    async all<Row>(text: string, params: readonly SqlValue[] = []) {
      const result = await prepare(db, text, params).all<Record<string, unknown>>();
      note(result.meta);
      return result.results.map((row) => withBlobs<Row>(row));
    },
    async first<Row>(text: string, params: readonly SqlValue[] = []) {
      // .first() reads no metadata; .all() tells how many rows the statement read.
      const result = await prepare(db, text, params).all<Record<string, unknown>>();
      note(result.meta);
      const row = result.results[0];
      return row ? withBlobs<Row>(row) : null;
    },
    async run(text: string, params: readonly SqlValue[] = []): Promise<SqlRunResult> {
      const result = await prepare(db, text, params).run();
      note(result.meta);
      return { changes: result.meta.changes ?? 0 };
    },
    async batch(statements: readonly SqlStatement[]): Promise<SqlRunResult[]> {
      // D1 refuses an empty batch; nothing to run is nothing changed.
      if (statements.length === 0) return [];
      const results = await db.batch(statements.map((s) => prepare(db, s.sql, s.params)));
      return results.map((result) => {
        note(result.meta);
        return { changes: result.meta.changes ?? 0 };
      });
    },
    // The binding belongs to the isolate, not to the driver.
    close: async () => {},
    maxBoundParameters: D1_MAX_BOUND_PARAMETERS,
  };
}
