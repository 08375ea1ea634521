import type { SettingsPort } from '../core/event-store.ts';
import { readChangeCounter } from './change-counter.ts';
import type { SqlDriver } from './sql-driver.ts';

export function createSettingsPort(db: SqlDriver): SettingsPort {
  return {
    async getSetting(key: string) {
      return (await db.first<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]))?.value ?? null;
    },
    async setSetting(key: string, value: string) {
      await db.run(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        [key, value],
      );
    },
    async changeStamp() {
      return String(await readChangeCounter(db));
    },
  };
}
