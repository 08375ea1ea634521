import type Database from 'better-sqlite3';
import type { SqlDriver, SqlRunResult, SqlStatement, SqlValue } from './sql-driver.ts';

type Bindable = string | number | bigint | null | Buffer;

const plainBytes = (value: SqlValue): value is Uint8Array => value instanceof Uint8Array && !Buffer.isBuffer(value);

/**
 * The parameters as one array, which better-sqlite3 binds element by element: spread as arguments, a
 * write of 512 rows passed 10,240 of them, each checked for being an array. It binds Buffers, not plain
 * Uint8Arrays; parameters without any go as they are, uncopied (a 10,000-event calendar's rows are
 * half a million of them).
 */
function bindable(params: readonly SqlValue[] | undefined): Bindable[] {
  if (!params) return [];
  if (!params.some(plainBytes)) return params as Bindable[];
  return params.map((value) =>
    plainBytes(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : (value as Bindable),
  );
}

/**
 * The SqlDriver over a better-sqlite3 connection. Statements are compiled once per SQL text and kept:
 * the ports send the same few texts again and again, and compiling cost more than running them.
 */
export function createSqliteDriver(db: Database.Database): SqlDriver {
  const statements = new Map<string, Database.Statement>();
  const statement = (text: string): Database.Statement => {
    let prepared = statements.get(text);
    if (!prepared) {
      prepared = db.prepare(text);
      statements.set(text, prepared);
    }
    return prepared;
  };
  const runOne = (text: string, params: readonly SqlValue[] | undefined): SqlRunResult => {
    const prepared = statement(text);
    // A statement that answers rows cannot be run(); in a batch it only needs to execute.
    if (prepared.reader) {
      prepared.all(bindable(params));
      return { changes: 0 };
    }
    return { changes: prepared.run(bindable(params)).changes };
  };
  // IMMEDIATE: takes the write lock (waiting up to the busy timeout) before the first statement, so a
  // batch that reads as it writes never fails half-way on another connection's commit.
  const runBatch = db.transaction((batch: readonly SqlStatement[]) => batch.map((s) => runOne(s.sql, s.params)));
  return {
    async all<Row>(text: string, params?: readonly SqlValue[]) {
      return statement(text).all(bindable(params)) as Row[];
    },
    async first<Row>(text: string, params?: readonly SqlValue[]) {
      return (statement(text).get(bindable(params)) as Row | undefined) ?? null;
    },
    async run(text: string, params?: readonly SqlValue[]) {
      return runOne(text, params);
    },
    async batch(batch: readonly SqlStatement[]) {
      return runBatch.immediate(batch);
    },
    async close() {
      db.close();
    },
    // SQLITE_MAX_VARIABLE_NUMBER as SQLite builds it since 3.32 (better-sqlite3 keeps the default).
    maxBoundParameters: 32_766,
  };
}
