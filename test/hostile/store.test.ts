import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/core/event.ts';
import { ingestSource } from '../../src/usecases/ingest-sources.ts';
import { calendar, manyEvents, vevent } from '../support/calendars.ts';
import { eventRecord } from '../support/events.ts';
import { depsFor, storeRecords, tempStore } from '../support/store.ts';

const NOW = '2026-11-27T00:00:00Z';
const RUN = { window: { fromMs: Date.parse('2026-11-26'), toMs: Date.parse('2027-11-27') }, force: true };
const EVERYTHING = { fromMs: 0, toMs: Date.parse('2030-01-01'), includeUndated: true, includeCancelled: true };

/** A child process with its own connection to `db`; its stdout, line by line, once it has exited. */
function sqliteChild(db: string, script: string) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, db], {
    cwd: join(import.meta.dirname, '..', '..'),
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const ready = new Promise<void>((resolve) => {
    child.stdout.on('data', () => {
      if (out.includes('ready')) resolve();
    });
  });
  const exited = new Promise<string[]>((resolve) => child.on('exit', () => resolve(out.trim().split('\n'))));
  return { child, ready, exited };
}

describe('the SQLite store under hostile values and load', () => {
  let db: ReturnType<typeof tempStore>;
  beforeEach(() => {
    db = tempStore();
  });
  afterEach(() => db.cleanup());

  const ingestFile = (name: string, text: string) => {
    const location = join(db.dir, name);
    writeFileSync(location, text);
    return ingestSource(depsFor(db.store, NOW), { location }, RUN);
  };

  it('S2 every field type (booleans, nulls, numbers, arrays, nested objects) is stored and read back as it was', async () => {
    const records: EventRecord[] = [
      eventRecord({
        uid: 's2-a@test',
        title: 'Everything set',
        start: '2026-12-03T18:00:00Z',
        online: true,
        topics: ['rust', 'security'],
        location: { text: 'c-base', city: 'Berlin', country: 'Germany', lat: 52.513, lon: 13.42 },
        cfp: { url: 'https://cfp.example.org/', closes: '2026-12-01' },
        organizer: 'Rust Berlin',
        description: 'Talks',
      }),
      eventRecord({
        uid: 's2-b@test',
        title: 'Nothing set',
        start: null,
        end: null,
        online: 'hybrid',
        location: { text: null, city: null, country: null, lat: null, lon: null },
      }),
      eventRecord({
        uid: 's2-c@test',
        title: 'All day',
        start: '2026-12-05',
        end: '2026-12-06',
        allDay: true,
        online: false,
      }),
    ];
    await storeRecords(db.store, '/s2.ics', records, NOW);
    const stored = await db.store.listEvents(EVERYTHING);
    for (const record of records) {
      const event = stored.find((e) => e.uid === record.uid)!;
      expect(event).toMatchObject({
        title: record.title,
        start: record.start,
        end: record.end,
        allDay: record.allDay,
        online: record.online,
        topics: record.topics,
        cfp: record.cfp,
        location: record.location,
      });
    }
  });

  it('S3 identifiers beyond 2^53 stay exact: UIDs are text, never numbers', async () => {
    await ingestFile(
      's3.ics',
      calendar(
        vevent('9007199254740993', '20261203T180000Z', 'Big id'),
        vevent('123456789012345678901234567890', '20261204T180000Z', 'Bigger id'),
      ),
    );
    const uids = (await db.store.listEvents(EVERYTHING)).map((e) => e.uid).sort();
    expect(uids).toEqual(['123456789012345678901234567890', '9007199254740993']);
  });

  it('S4 a lone surrogate and NUL in feed text are normalised before they are stored', async () => {
    const feed = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'S4 feed',
      items: [{ id: 's4', title: 'Rust\u0000 night \ud800 at c-base on 5 December 2026', content_text: 'a\u0000b' }],
    };
    const report = await ingestFile('s4.json', JSON.stringify(feed));
    expect(report.status).toBe('ok');
    const [event] = await db.store.listEvents(EVERYTHING);
    expect(event?.title).not.toContain('\u0000');
    expect(event?.title).not.toMatch(/[\uD800-\uDFFF]/);
    expect(event?.title).toContain('\uFFFD');
  });

  it('S5 oversized fields are cut to their limits before the insert (3 MB description, 1 MB title)', async () => {
    const report = await ingestFile(
      's5.ics',
      calendar(vevent('s5@test', '20261203T180000Z', 'T'.repeat(1_000_000), [`DESCRIPTION:${'d'.repeat(3_000_000)}`])),
    );
    expect(report.status).toBe('ok');
    const [event] = await db.store.listEvents(EVERYTHING);
    expect(event?.title.length).toBeLessThanOrEqual(500);
    expect(event?.description?.length).toBeLessThanOrEqual(20_000);
  });

  it('S6 no statement binds more than 100 parameters (the D1 limit), and 1,000 events go in one ingest', async () => {
    const source = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'store', 'sqlite.ts'), 'utf8');
    // Placeholder lists built at run time could grow past the limit; there are none.
    expect(source).not.toMatch(/\.map\(\(\) => '\?'\)|'\?'\.repeat|Array\(.*\)\.fill\('\?'\)/);
    const largest = Math.max(
      ...(source.match(/`[^`]*`|'[^']*'/g) ?? []).map((sql) => (sql.match(/\?|@\w+/g) ?? []).length),
    );
    expect(largest).toBeLessThanOrEqual(100);
    const report = await ingestFile('s6.ics', manyEvents(1000, Date.parse('2026-12-01'), 'Bulk'));
    expect(report.counts.new).toBe(1000);
  });

  it('S7 an ingest waits for another connection holding the write lock, then succeeds', async () => {
    await db.store.listSources(); // migrations applied before the child opens the file
    const holder = sqliteChild(
      db.path,
      `import Database from 'better-sqlite3';
       const db = new Database(process.argv[1]);
       db.exec('BEGIN IMMEDIATE');
       db.prepare("INSERT INTO settings (key, value) VALUES ('s7', 'held')").run();
       console.log('ready');
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
       const releasing = Date.now();
       db.exec('COMMIT');
       console.log('released ' + releasing);`,
    );
    await holder.ready;
    const report = await ingestFile('s7.ics', manyEvents(50, Date.parse('2026-12-01'), 'Waiting'));
    const finished = Date.now();
    expect(report.status).toBe('ok');
    expect(report.counts.new).toBe(50);
    const [ready, released] = await holder.exited;
    expect([ready, released?.split(' ')[0]]).toEqual(['ready', 'released']);
    // Causality, not a duration: the ingest could only commit after the holder let go of the lock.
    expect(finished).toBeGreaterThanOrEqual(Number(released?.split(' ')[1]));
    expect(await db.store.getSetting('s7')).toBe('held');
  });

  it('S10 a re-ingest that changes every title stays linear: the foreign key to a text is checked through an index', async () => {
    await storeRecords(
      db.store,
      '/s10.ics',
      [eventRecord({ uid: 's10@test', title: 'Before', start: '2026-12-03T18:00:00Z' })],
      NOW,
    );
    await storeRecords(
      db.store,
      '/s10.ics',
      [eventRecord({ uid: 's10@test', title: 'After', start: '2026-12-03T18:00:00Z' })],
      NOW,
    );
    expect((await db.store.listEvents(EVERYTHING)).map((e) => e.title)).toEqual(['After']);
    // Deleting the texts a re-ingest left unused checks occurrences.text_id once per text; a scan there
    // made 20,000 changed titles hold the write lock for over a minute (scripts/bench/reingest-changed.mjs).
    const sqlite = new Database(db.path, { readonly: true });
    try {
      const plan = sqlite.prepare('EXPLAIN QUERY PLAN SELECT 1 FROM occurrences WHERE text_id = ?').all('x') as {
        detail: string;
      }[];
      expect(plan.map((row) => row.detail).join('; ')).toMatch(/USING (COVERING )?INDEX/);
    } finally {
      sqlite.close();
    }
  });

  it('S8 a 5,000-event ingest is one transaction: another connection sees none or all of it, never part', async () => {
    await db.store.listSources();
    const watcher = sqliteChild(
      db.path,
      `import Database from 'better-sqlite3';
       const db = new Database(process.argv[1], { readonly: true });
       const count = db.prepare('SELECT count(*) AS n FROM occurrences');
       const seen = new Set();
       console.log('ready');
       const until = Date.now() + 20000;
       while (Date.now() < until && !seen.has(5000)) seen.add(count.get().n);
       console.log([...seen].join(','));`,
    );
    await watcher.ready;
    const report = await ingestFile('s8.ics', manyEvents(5000, Date.parse('2026-12-01'), 'Bulk'));
    expect(report.counts.new).toBe(5000);
    const [, seen] = await watcher.exited;
    expect(seen?.split(',').map(Number).sort()).toEqual([0, 5000]);
  });
});
