// `npx tsx scripts/corpus-warnings.ts [--json] [CORPUS_DIR]`: ingests every calendar, feed and conference
// list of the corpus (ics, feeds, conferences, malformed) into a fresh SQLite file each, as `convene
// ingest` does, and counts the files read with no warning at all. Issue 17 measures silent repairs so:
// a file in malformed/ that ingests with zero warnings had something dropped or guessed unreported.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fixedClock } from '../src/core/clock.ts';
import { createNodeReader } from '../src/runtime/node-deps.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { ingestSource } from '../src/usecases/ingest-sources.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const corpus = resolve(
  args.find((a) => !a.startsWith('--')) ?? join(import.meta.dirname, '..', '..', 'shared', 'corpus'),
);
const FOLDERS = ['ics', 'feeds', 'conferences', 'malformed'];
const window = { fromMs: Date.parse('1990-01-01'), toMs: Date.parse('2031-01-01') };

interface FileResult {
  file: string;
  status: string;
  error: string | null;
  warnings: string[];
}

const results: FileResult[] = [];
for (const folder of FOLDERS) {
  for (const name of readdirSync(join(corpus, folder)).sort()) {
    if (name.startsWith('.') || /\.vcf$/i.test(name)) continue;
    const dir = mkdtempSync(join(tmpdir(), 'convene-corpus-'));
    const store = openSqliteStore(join(dir, 'convene.db'));
    try {
      const deps = { store, reader: createNodeReader(true), clock: fixedClock('2026-11-27T00:00:00Z') };
      const report = await ingestSource(deps, { location: join(corpus, folder, name) }, { window, force: true });
      results.push({
        file: `${folder}/${name}`,
        status: report.status,
        error: report.error ? `${report.error.kind}: ${report.error.message}` : null,
        warnings: report.warnings,
      });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
else {
  for (const folder of FOLDERS) {
    const inFolder = results.filter((r) => r.file.startsWith(`${folder}/`));
    const silent = inFolder.filter((r) => r.status === 'ok' && r.warnings.length === 0);
    const failed = inFolder.filter((r) => r.status === 'error');
    process.stdout.write(
      `${folder}: ${inFolder.length} files, ${silent.length} read with no warning, ${failed.length} refused\n`,
    );
    if (folder === 'malformed') for (const r of silent) process.stdout.write(`  no warning: ${r.file}\n`);
  }
}
