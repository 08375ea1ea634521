// The cold paths, each a whole `node bin/convene.js ...` process beside `convene --help` (process
// start-up) in the same run: `npm run bench -- --only cold`, or `node scripts/bench/cold.mjs [--json]`.
// The store is the 10,000-VEVENT bench calendar (about 25,000 occurrences) ingested at the real time, so
// `convene serve`, which has no --now, ranks the same window.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateIcs } from './generate.mjs';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value, digits = 0) => Number(value.toFixed(digits));

function convene(root, args, env = {}) {
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(root, 'bin/convene.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`convene ${args[0]} failed: ${result.stderr.slice(0, 500)}`);
  return { ms, stdout: result.stdout };
}

/** The same calendar with one event renamed: a new store state, as a feed's next fetch brings. */
function changedCopy(dir, ics, round) {
  const path = join(dir, `changed-${round}.ics`);
  writeFileSync(path, readFileSync(ics, 'utf8').replace('SUMMARY:', `SUMMARY:Changed ${round} `));
  return path;
}

/** The demo profile with its template dates fixed: the bench measures ranking, not the template. */
function benchProfile(root) {
  const text = readFileSync(join(root, 'data/demo/profile.template.json'), 'utf8').replace(
    /\{\{[^}]*\}\}/g,
    new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10),
  );
  const profile = JSON.parse(text);
  delete profile.contactsFile;
  return profile;
}

async function waitForServer(base, child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('convene serve exited');
    try {
      if ((await fetch(`${base}/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('convene serve did not start');
}

/** First picks after a start and after each new store state, in `convene serve` (its own process). */
async function serveFirstPicks(root, db, dir, ics, runs) {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const base = `http://127.0.0.1:${port}`;
  const adminKey = 'bench-admin-key-0123456789';
  const child = spawn(process.execPath, [join(root, 'bin/convene.js'), 'serve', '--db', db, '--port', String(port)], {
    env: { ...process.env, CONVENE_ADMIN_KEY: adminKey },
    stdio: 'ignore',
  });
  try {
    await waitForServer(base, child);
    const created = await (
      await fetch(`${base}/v1/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ profile: benchProfile(root) }),
      })
    ).json();
    // A new connection per request: a kept-alive one may have been closed by the server while an ingest ran.
    const picks = () =>
      new Promise((resolve, reject) => {
        const started = performance.now();
        const request = get(
          `${base}/v1/users/${created.id}/picks`,
          { agent: false, headers: { authorization: `Bearer ${created.apiKey}` } },
          (response) => {
            let body = '';
            response.on('data', (chunk) => {
              body += chunk;
            });
            response.on('end', () => {
              const ok = response.statusCode === 200 && JSON.parse(body).picks.length > 0;
              if (ok) resolve(performance.now() - started);
              else reject(new Error(`picks failed: ${response.statusCode} ${body.slice(0, 200)}`));
            });
          },
        );
        request.on('error', reject);
      });
    const afterStart = await picks();
    const afterChange = [];
    const ingestMs = [];
    for (let run = 0; run < runs; run++) {
      // Another process ingests (as cron or a second terminal would); the server sees a new store state.
      ingestMs.push(convene(root, ['ingest', '--db', db, '--json', changedCopy(dir, ics, run)]).ms);
      afterChange.push(await picks());
    }
    return { afterStart, afterChange, ingestMs };
  } finally {
    child.kill('SIGTERM');
  }
}

export async function benchCold(root, { runs = 5, log = () => {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'convene-cold-'));
  try {
    const db = join(dir, 'cold.db');
    const ics = generateIcs(dir, Date.now());
    const ingest = convene(root, ['ingest', '--db', db, '--json', ics]);
    const events = JSON.parse(ingest.stdout).sources[0].counts.new;
    const profile = join(root, 'data/demo/profile.template.json');
    const recommend = ['recommend', '--db', db, '--profile', profile, '--format', 'json'];
    const list = ['events', '--db', db, '--limit', '10'];
    const search = ['events', '--db', db, '--limit', '10', '--search', 'rust'];
    // The first of each after an ingest into a store that never ranked or searched: they build, and keep.
    const firstRecommend = convene(root, recommend).ms;
    const firstSearch = convene(root, search).ms;
    log(`cold: ${events} events; first recommend ${round(firstRecommend)} ms, first search ${round(firstSearch)} ms`);
    const rows = [];
    for (let run = 0; run < runs; run++) {
      const row = {
        startup: convene(root, ['--help']).ms,
        recommend: convene(root, recommend).ms,
        events: convene(root, list).ms,
        search: convene(root, search).ms,
      };
      rows.push(row);
      log(
        `  run ${run + 1}: --help ${round(row.startup)} ms, recommend ${round(row.recommend)}, events ${round(row.events)}, search ${round(row.search)}`,
      );
    }
    const serve = await serveFirstPicks(root, db, dir, ics, Math.min(runs, 3));
    log(
      `  serve: first picks after start ${round(serve.afterStart)} ms, after each ingest ${serve.afterChange.map((ms) => round(ms)).join(', ')} ms`,
    );
    const of = (key) => median(rows.map((r) => r[key]));
    return {
      'cold.events': events,
      'cold.startup.ms': round(of('startup')),
      'cold.recommend.ms': round(of('recommend')),
      'cold.recommend.vsStartup': round(median(rows.map((r) => r.recommend / r.startup)), 2),
      'cold.recommend.firstAfterIngestMs': round(firstRecommend),
      'cold.events.ms': round(of('events')),
      'cold.events.vsStartup': round(median(rows.map((r) => r.events / r.startup)), 2),
      'cold.search25k.ms': round(of('search')),
      'cold.search25k.firstAfterIngestMs': round(firstSearch),
      'cold.serveFirstPicks.ms': round(median(serve.afterChange)),
      'cold.serveFirstPicks.afterStartMs': round(serve.afterStart),
      'cold.reingestWithRefresh.ms': round(median(serve.ingestMs)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const json = process.argv.includes('--json');
  const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
  const result = await benchCold(root, { log: json ? () => {} : (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify(result, null, json ? 0 : 2)}\n`);
}
