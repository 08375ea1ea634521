// Runtime-neutral on purpose: the same suites run against SQLite on Node and D1 in workerd, so nothing
// here may import node: modules or a database driver.
import { afterEach, beforeEach } from 'vitest';
import type { EventRecord } from '../../../src/core/event.ts';
import type { EventQuery, EventStore, IngestSuccess } from '../../../src/core/event-store.ts';
import type { TimeWindow } from '../../../src/core/window.ts';
import { eventRecord } from '../../support/events.ts';

/** Opens a fresh, empty, migrated store; `close` releases it and whatever it was stored in. */
export type OpenStore = () => Promise<{ store: EventStore; close: () => Promise<void> }>;

export const AT = '2026-11-27T00:00:00Z';
export const WINDOW: TimeWindow = { fromMs: Date.parse('2026-11-01'), toMs: Date.parse('2027-11-01') };
export const EVERYTHING: EventQuery = {
  fromMs: 0,
  toMs: Date.parse('2030-01-01'),
  includeUndated: true,
  includeCancelled: true,
};

/** A fresh store per test, through `current()`. */
export function storePerTest(open: OpenStore): () => EventStore {
  let opened: Awaited<ReturnType<OpenStore>> | null = null;
  beforeEach(async () => {
    opened = await open();
  });
  afterEach(async () => {
    await opened?.close();
    opened = null;
  });
  return () => {
    if (!opened) throw new Error('no store open outside a test');
    return opened.store;
  };
}

/** A successful calendar run at `at`, nothing else to report. */
export function calendarRun(overrides: Partial<IngestSuccess> = {}): IngestSuccess {
  return {
    at: AT,
    window: WINDOW,
    cancelVanished: true,
    withdrawVanished: false,
    format: 'ical',
    title: null,
    validators: { etag: null, lastModified: null },
    warnings: [],
    movedTo: null,
    nextCheckAt: null,
    failureCount: 0,
    disabled: false,
    ...overrides,
  };
}

/** A feed run: items that vanish may have been withdrawn, never cancelled. */
export function feedRun(overrides: Partial<IngestSuccess> = {}): IngestSuccess {
  return calendarRun({ cancelVanished: false, withdrawVanished: true, format: 'rss', ...overrides });
}

export function record(uid: string, start: string, overrides: Partial<EventRecord> = {}): EventRecord {
  return eventRecord({ uid, title: `Event ${uid}`, start, ...overrides });
}

/** `count` records a day apart from 1 December 2026, numbered from 0. */
export function manyRecords(prefix: string, count: number): EventRecord[] {
  return Array.from({ length: count }, (_, i) =>
    record(`${prefix}-${i}`, new Date(Date.parse('2026-12-01T18:00:00Z') + (i % 300) * 86_400_000).toISOString()),
  );
}

export const noMatch = () => null;
