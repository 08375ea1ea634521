// src/store/sql-driver.ts  (runtime-neutral: no node: imports)
export type SqlValue = string | number | bigint | null | Uint8Array;
export interface SqlStatement {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}
export interface SqlRunResult {
  readonly changes: number;
}
export interface SqlDriver {
  all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  first<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row | null>;
  run(sql: string, params?: readonly SqlValue[]): Promise<SqlRunResult>;
  /** Runs every statement in order as one atomic unit (D1: db.batch; SQLite: one transaction). */
  batch(statements: readonly SqlStatement[]): Promise<SqlRunResult[]>;
  close(): Promise<void>;
  /**
   * How many parameters one statement may bind, where an engine binds far more than D1's 100 (SQLite:
   * 32,766): a writer may then bind rows as multi-row VALUES instead of sending them as JSON.
   */
  readonly maxBoundParameters?: number;
}
export const sql = (text: string, ...params: SqlValue[]): SqlStatement => ({ sql: text, params });
