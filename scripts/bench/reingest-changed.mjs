// `node scripts/bench/reingest-changed.mjs [N ...]`: a calendar of N events ingested, then every title
// changed and ingested again; prints the time of the second, changed ingest (the update path).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = '2026-12-01T00:00:00Z';
const nowMs = Date.parse(NOW);

function writeCalendar(path, count, titlePrefix) {
  const stamp = (ms) => `${new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Convene//reingest bench//EN'];
  for (let i = 0; i < count; i++) {
    const start = nowMs + (i % 300) * 86_400_000 + (i % 10) * 3_600_000;
    lines.push(
      'BEGIN:VEVENT',
      `UID:event-${i}@reingest`,
      'DTSTAMP:20260101T000000Z',
      `DTSTART:${stamp(start)}`,
      `DTEND:${stamp(start + 7_200_000)}`,
      `SUMMARY:${titlePrefix} session ${i}`,
      `LOCATION:Room ${i % 50}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR', '');
  writeFileSync(path, lines.join('\r\n'));
}

function ingest(db, file) {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [join(root, 'bin/convene.js'), 'ingest', '--db', db, '--json', '--now', NOW, '--to', '2027-12-01T00:00:00Z', file],
    { encoding: 'utf8', env: { ...process.env, CI: 'true' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`ingest failed: ${result.stderr.slice(0, 500)}`);
  return { ms, counts: JSON.parse(result.stdout).sources[0].counts };
}

export function reingestChangedMs(dir, count) {
  const file = join(dir, `cal-${count}.ics`);
  const db = join(dir, `reingest-${count}.db`);
  writeCalendar(file, count, 'First');
  ingest(db, file);
  writeCalendar(file, count, 'Renamed');
  const second = ingest(db, file);
  if (second.counts.changed !== count)
    throw new Error(`expected ${count} changed, got ${JSON.stringify(second.counts)}`);
  return Math.round(second.ms);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.argv.slice(2).map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'convene-reingest-'));
  try {
    for (const count of sizes.length ? sizes : [3000, 8000, 20_000])
      console.log(`${count} changed events re-ingested in ${reingestChangedMs(dir, count)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
