import type { Clock } from '../core/clock.ts';
import type { EventStore } from '../core/event-store.ts';
import { createEventsPort } from './events-sql.ts';
import { createFeedbackPort } from './feedback-sql.ts';
import { createPublicationsPort } from './publications-sql.ts';
import { createSettingsPort } from './settings-sql.ts';
import { createSourcesPort } from './sources-sql.ts';
import type { SqlDriver } from './sql-driver.ts';
import { createUsersPort } from './users-sql.ts';

/**
 * Every store port over one SQL driver: better-sqlite3 on Node (store/sqlite.ts), D1 on Workers. The
 * ports hold no state of their own, so several stores over one database agree.
 */
export function createSqlStore(driver: SqlDriver, clock: Clock): EventStore {
  return {
    ...createSourcesPort(driver, clock),
    ...createEventsPort(driver),
    ...createUsersPort(driver),
    ...createFeedbackPort(driver),
    ...createPublicationsPort(driver),
    ...createSettingsPort(driver),
    close: () => driver.close(),
  };
}
