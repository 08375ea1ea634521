import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventRecord } from '../../src/core/event.ts';
import { sha256Hex } from '../../src/core/sha256.ts';
import { createApp } from '../../src/http/app.ts';
import { createLruCache } from '../../src/runtime/lru-cache.ts';
import { loadProfile } from '../../src/runtime/profile-file.ts';
import { readSourceList } from '../../src/runtime/source-list.ts';
import { ingestSource, ingestSources } from '../../src/usecases/ingest-sources.ts';
import { depsFor, storeRecords, tempStore } from './store.ts';

export const DATA = join(import.meta.dirname, '..', '..', 'data');
export const ADMIN_KEY = 'cvn_test-admin-key-0123456789abcdef';
const DAY_MS = 86_400_000;

/**
 * The app over a real SQLite file holding the bundled demo sources as of `nowIso`, with the demo
 * profile as a stored user. The clock can be moved, so tests can watch time pass.
 */
export async function demoApp(nowIso: string, options: { extraCalendar?: string; extraRecords?: EventRecord[] } = {}) {
  const db = tempStore();
  let nowMs = Date.parse(nowIso);
  const clock = { now: () => nowMs };
  const ingestDeps = { ...depsFor(db.store, nowIso), clock };
  const window = () => ({ fromMs: nowMs - DAY_MS, toMs: nowMs + 400 * DAY_MS });
  const ingestDemo = () =>
    ingestSources(ingestDeps, readSourceList(join(DATA, 'sources.demo.json'), nowMs), {
      window: window(),
      force: true,
    });
  const reports = await ingestDemo();
  if (options.extraCalendar) {
    const path = join(db.dir, 'extra.ics');
    writeFileSync(path, options.extraCalendar);
    reports.push(await ingestSource(ingestDeps, { location: path }, { window: window(), force: true }));
  }
  const failed = reports.filter((r) => r.status === 'error');
  if (failed.length > 0) throw new Error(`demo ingest failed: ${JSON.stringify(failed)}`);
  if (options.extraRecords) {
    // Straight into the store, past the parsers' own clean-up: the page must be safe whatever is stored.
    await storeRecords(db.store, 'https://stored-directly.example/', options.extraRecords, nowIso);
  }
  const app = createApp({ cache: createLruCache(1_000), store: db.store, clock, adminKeyHash: sha256Hex(ADMIN_KEY) });
  const loaded = loadProfile(join(DATA, 'demo', 'profile.template.json'), nowMs);
  const { contactsFile: _file, ...profile } = loaded.profile;
  const created = await app.request('/v1/users', {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ profile: { ...profile, contacts: loaded.contacts } }),
  });
  if (created.status !== 201) throw new Error(`user not created: ${await created.text()}`);
  const user = (await created.json()) as { id: string; apiKey: string; feedToken: string };
  return {
    app,
    db,
    user,
    ingestDemo,
    /** Moves the app's clock forward. */
    advance: (days: number) => {
      nowMs += days * DAY_MS;
    },
    now: () => nowMs,
  };
}
