import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../src/core/clock.ts';
import type { EventRecord } from '../../src/core/event.ts';
import type { EventStore, IngestSuccess } from '../../src/core/event-store.ts';
import type { TimeWindow } from '../../src/core/window.ts';
import { createNodeReader } from '../../src/runtime/node-deps.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { IngestDeps } from '../../src/usecases/ingest-sources.ts';

/** A real SQLite file in a fresh temporary folder, removed by `cleanup`. */
export function tempStore(): { store: EventStore; path: string; dir: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'convene-test-'));
  const path = join(dir, 'convene.db');
  const store = openSqliteStore(path);
  return {
    store,
    path,
    dir,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function depsFor(store: EventStore, nowIso = '2026-11-27T00:00:00Z', allowPrivateNetwork = true): IngestDeps {
  return { store, reader: createNodeReader(allowPrivateNetwork), clock: fixedClock(nowIso) };
}

/**
 * Stores records as one source's whole ingest, straight past the parsers (for tests of what is stored
 * regardless of how it got there). No de-duplication across sources.
 */
export async function storeRecords(store: EventStore, location: string, records: EventRecord[], nowIso: string) {
  const source = await store.ensureSource({ location });
  const nowMs = Date.parse(nowIso);
  await store.saveIngest(
    source.id,
    records,
    ingestSuccess(nowIso, { fromMs: nowMs - 86_400_000, toMs: nowMs + 400 * 86_400_000 }),
    () => null,
  );
}

/** A successful calendar ingest at `at` over `window`, with nothing else to report. */
export function ingestSuccess(at: string, window: TimeWindow, warnings: string[] = []): IngestSuccess {
  return {
    at,
    window,
    cancelVanished: true,
    withdrawVanished: false,
    format: 'ical',
    title: null,
    validators: { etag: null, lastModified: null },
    warnings,
    movedTo: null,
    nextCheckAt: null,
    failureCount: 0,
    disabled: false,
  };
}
