import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldText } from '../../src/core/fold-text.ts';
import { ingestSources } from '../../src/usecases/ingest-sources.ts';
import { corpusFiles, corpusPath } from '../support/corpus.ts';
import { depsFor, tempStore } from '../support/store.ts';

interface Row {
  event_id: string;
  source_id: string;
  uid: string;
  start: string;
  title: string;
  url_key: string | null;
}

/**
 * Precision of cross-source de-duplication on real data: every calendar, feed and conference list of
 * the corpus in one store. A merge is judged right only by exact identity, independent of the
 * matcher's similarity measure: same UID and start, or same canonical URL on the same day, or the same
 * name (case, accents and years folded) on the same day.
 */
function sameByIdentity(a: Row, b: Row): boolean {
  const day = (r: Row) => r.start.slice(0, 10);
  if (a.uid === b.uid && a.start === b.start) return true;
  if (day(a) !== day(b)) return false;
  return (a.url_key !== null && a.url_key === b.url_key) || foldText(a.title) === foldText(b.title);
}

describe('de-duplication precision over the whole corpus', () => {
  let db: ReturnType<typeof tempStore>;
  let rows: Row[];
  beforeAll(async () => {
    db = tempStore();
    const specs = ['conferences', 'ics', 'feeds'].flatMap((folder) =>
      corpusFiles(folder).map((f) => ({ location: corpusPath(folder, f) })),
    );
    await ingestSources(depsFor(db.store), specs, {
      window: { fromMs: Date.parse('1990-01-01'), toMs: Date.parse('2031-01-01') },
      force: true,
      concurrency: 1,
    });
    const sqlite = new Database(db.path, { readonly: true });
    rows = sqlite
      .prepare(
        `SELECT event_id, source_id, uid, start, title, url_key FROM occurrences
         WHERE event_id IN (SELECT event_id FROM occurrences GROUP BY event_id HAVING COUNT(DISTINCT source_id) > 1)`,
      )
      .all() as Row[];
    sqlite.close();
  }, 120_000);
  afterAll(() => db.cleanup());

  it('merges the conferences that several topic lists share', () => {
    expect(new Set(rows.map((r) => r.event_id)).size).toBeGreaterThan(100);
  });

  it('merges no two distinct events', () => {
    const groups = new Map<string, Row[]>();
    for (const row of rows) groups.set(row.event_id, [...(groups.get(row.event_id) ?? []), row]);
    const wrong: string[] = [];
    for (const group of groups.values()) {
      const lead = group[0]!;
      for (const other of group.slice(1)) {
        if (!sameByIdentity(lead, other)) wrong.push(`${lead.title} (${lead.start}) ~ ${other.title} (${other.start})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
