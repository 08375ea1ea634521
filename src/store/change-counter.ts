import { type SqlDriver, sql } from './sql-driver.ts';

/** Goes into the same batch as the write it stamps, so the stamp never moves without the data or lags it. */
export const bumpChangeCounter = sql('UPDATE change_counter SET value = value + 1 WHERE id = 1');

export async function readChangeCounter(db: SqlDriver): Promise<number> {
  return (await db.first<{ value: number }>('SELECT value FROM change_counter WHERE id = 1'))?.value ?? 0;
}
