// `npm run bench [-- --json] [-- --runs N] [-- --only cold]`: ingest throughput beside the library floor, each task in
// its own process (so peak memory is its own), median of N alternating runs, all in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchCold } from './bench/cold.mjs';
import { generateIcs, generateIcsWithText, generateRss } from './bench/generate.mjs';
import { buildCli } from './build.mjs';
import { bundleTask } from './bundle-task.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
// `--only ingest`: the ingest keys alone (the calendars and the feed), for profiling the parse path.
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const NOW = '2026-12-01T00:00:00Z';
const nowMs = Date.parse(NOW);
const from = new Date(nowMs - 86_400_000).toISOString();
const to = new Date(nowMs + 365 * 86_400_000).toISOString();

const log = (line) => {
  if (!json) process.stderr.write(`${line}\n`);
};

function runTask(script, taskArgs, nodeFlags = []) {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [...nodeFlags, '--import', join(root, 'scripts/bench/report-rss.mjs'), script, ...taskArgs],
    {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${script} failed: ${result.stderr.slice(0, 500)}`);
  const rssKb = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(result.stderr)?.[1] ?? 0);
  const cpuMs = Number(/BENCH_CPU_US=(\d+)/.exec(result.stderr)?.[1] ?? 0) / 1000;
  return { ms, cpuMs, rssMb: rssKb / 1024, stdout: result.stdout };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value, digits = 0) => Number(value.toFixed(digits));

function ingestOnce(dir, file, run) {
  const db = join(dir, `run-${run}-${Math.random().toString(36).slice(2)}.db`);
  const task = runTask(join(root, 'bin/convene.js'), [
    'ingest',
    '--db',
    db,
    '--json',
    '--now',
    NOW,
    '--from',
    from,
    '--to',
    to,
    file,
  ]);
  const report = JSON.parse(task.stdout).sources[0];
  if (report.status !== 'ok') throw new Error(`ingest failed: ${JSON.stringify(report.error)}`);
  return { ...task, stored: report.counts.new };
}

/** Alternating runs of the ical.js floor and the full ingest of one calendar; keys `ingest.<name>.*`. */
function benchCalendar(dir, name, file) {
  log(`${name}: ${runs} alternating runs of the ical.js floor and the full ingest`);
  const floor = [];
  const ours = [];
  for (let run = 0; run < runs; run++) {
    const f = runTask(join(root, 'scripts/bench/floor-ical.mjs'), [file, from, to]);
    floor.push({ ...f, occurrences: Number(f.stdout.trim()) });
    ours.push(ingestOnce(dir, file, `${name}-${run}`));
    log(
      `  run ${run + 1}: floor ${round(f.ms)} ms (cpu ${round(f.cpuMs)}), convene ${round(ours.at(-1).ms)} ms (cpu ${round(ours.at(-1).cpuMs)})`,
    );
  }
  const floorMs = median(floor.map((r) => r.ms));
  const oursMs = median(ours.map((r) => r.ms));
  const occurrences = ours[0].stored;
  const key = (k) => `ingest.${name}.${k}`;
  return {
    keys: {
      [key('vevents')]: 10_000,
      [key('occurrences')]: occurrences,
      [key('floorOccurrences')]: floor[0].occurrences,
      [key('ms')]: round(oursMs),
      [key('floorMs')]: round(floorMs),
      [key('eventsPerSec')]: round(occurrences / (oursMs / 1000)),
      [key('floorEventsPerSec')]: round(floor[0].occurrences / (floorMs / 1000)),
      // Each pair ran back to back, so the median of pair ratios resists a drifting machine speed.
      [key('timeVsFloor')]: round(median(ours.map((r, i) => r.ms / floor[i].ms)), 2),
      // CPU time (user + system) leaves out time the hypervisor stole, which swings wall time by ±25% here.
      [key('cpuVsFloor')]: round(median(ours.map((r, i) => r.cpuMs / floor[i].cpuMs)), 2),
      [key('cpuMs')]: round(median(ours.map((r) => r.cpuMs))),
      [key('floorCpuMs')]: round(median(floor.map((r) => r.cpuMs))),
      // Each run's CPU, in the order they alternated: on a shared machine the median alone hides the spread.
      [key('cpuMsRuns')]: ours.map((r) => round(r.cpuMs)),
      [key('floorCpuMsRuns')]: floor.map((r) => round(r.cpuMs)),
      [key('peakRssMb')]: round(Math.max(...ours.map((r) => r.rssMb))),
      [key('floorPeakRssMb')]: round(Math.max(...floor.map((r) => r.rssMb))),
    },
  };
}

function logIngest(result, rssStored, rssMs) {
  log('');
  for (const name of ['ics10k', 'ics10kText']) {
    const key = (k) => result[`ingest.${name}.${k}`];
    log(`${name}: ${key('occurrences')} occurrences stored in ${key('ms')} ms (${key('eventsPerSec')}/s)`);
    log(
      `        floor (ical.js alone): ${key('floorOccurrences')} in ${key('floorMs')} ms (${key('floorEventsPerSec')}/s)`,
    );
    log(`        time vs floor ${key('timeVsFloor')} wall, ${key('cpuVsFloor')} CPU (target <= 1.5)`);
    log(`        peak RSS ${key('peakRssMb')} MB (target < 200; floor ${key('floorPeakRssMb')} MB)`);
  }
  log(`rss1k:  1000 items in ${round(rssMs)} ms (${result['ingest.rss1k.itemsPerSec']}/s), ${rssStored} stored`);
}

async function main() {
  if (!existsSync(join(root, 'dist/cli.mjs'))) await buildCli();
  if (only === 'cold') {
    // Five runs: the cold keys are medians of five whole processes each.
    const cold = await benchCold(root, { runs: Math.max(runs, 5), log });
    return void process.stdout.write(`${JSON.stringify(cold, null, json ? 0 : 2)}\n`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'convene-bench-'));
  try {
    const ics = generateIcs(dir, nowMs);
    const rss = generateRss(dir, nowMs);
    const ics10k = benchCalendar(dir, 'ics10k', ics);
    const ics10kText = benchCalendar(dir, 'ics10kText', generateIcsWithText(dir, nowMs));
    const rssRuns = [];
    for (let run = 0; run < runs; run++) rssRuns.push(ingestOnce(dir, rss, `rss-${run}`));
    const rssMs = median(rssRuns.map((r) => r.ms));
    const ingestKeys = {
      ...ics10k.keys,
      ...ics10kText.keys,
      'ingest.rss1k.items': 1000,
      'ingest.rss1k.stored': rssRuns[0].stored,
      'ingest.rss1k.ms': round(rssMs),
      'ingest.rss1k.itemsPerSec': round(1000 / (rssMs / 1000)),
      'ingest.rss1k.peakRssMb': round(Math.max(...rssRuns.map((r) => r.rssMb))),
    };
    if (only === 'ingest') {
      if (json) process.stdout.write(`${JSON.stringify({ ...ingestKeys, runs })}\n`);
      logIngest(ingestKeys, rssRuns[0].stored, rssMs);
      return;
    }
    log('gaps5k: 5,000 contacts, 10 interests, 1,000 events, 30 timed runs');
    const gapsTask = join(dir, 'gaps-task.mjs');
    await bundleTask(join(root, 'scripts/bench/gaps-task.ts'), gapsTask);
    const gaps = JSON.parse(runTask(gapsTask, []).stdout);
    const rankTask = join(dir, 'rank-task.mjs');
    await bundleTask(join(root, 'scripts/bench/rank-task.ts'), rankTask);
    log('rank: 10,000 and 100,000 events, 10 interests, 200 contacts, top 50 with reasons; lunr over the same text');
    const rank10k = JSON.parse(runTask(rankTask, ['10000'], ['--expose-gc']).stdout);
    const rank100k = JSON.parse(runTask(rankTask, ['100000'], ['--expose-gc', '--max-old-space-size=8192']).stdout);
    const venuesTask = join(dir, 'venues-task.mjs');
    await bundleTask(join(root, 'scripts/bench/venues-task.ts'), venuesTask);
    log('venues: the 100,000-event catalog grouped into venues once, then venues for the bench profile (warm)');
    const venues100k = JSON.parse(runTask(venuesTask, ['100000'], ['--expose-gc', '--max-old-space-size=8192']).stdout);
    log('http: GET /v1/users/{id}/picks (warm) against a hello route of the same app, autocannon in its own process');
    // Inside the project, so the bundle finds better-sqlite3 (a native addon, left external) and the migrations.
    const httpTask = join(root, 'node_modules/.cache/convene/http-task.mjs');
    mkdirSync(dirname(httpTask), { recursive: true });
    await bundleTask(join(root, 'scripts/bench/http-task.ts'), httpTask, ['better-sqlite3']);
    const http = JSON.parse(runTask(httpTask, [root, '4']).stdout);
    log('cold: recommend, events, search and first picks in serve, as whole processes beside --help');
    const cold = await benchCold(root, { runs: Math.max(runs, 5), log });
    const result = {
      ...ingestKeys,
      'network.gaps5k.contacts': 5000,
      'network.gaps5k.p50Ms': round(gaps.p50Ms, 1),
      'network.gaps5k.p99Ms': round(gaps.p99Ms, 1),
      'rank.n10k.p50Ms': round(rank10k.p50Ms, 1),
      'rank.n10k.p99Ms': round(rank10k.p99Ms, 1),
      'rank.n10k.lunrP50Ms': round(rank10k.lunrP50Ms, 1),
      'rank.n10k.buildMs': round(rank10k.buildMs),
      'rank.n100k.p50Ms': round(rank100k.p50Ms, 1),
      'rank.n100k.p99Ms': round(rank100k.p99Ms, 1),
      'rank.n100k.freshGapsP50Ms': round(rank100k.freshGapsP50Ms, 1),
      'rank.n100k.lunrP50Ms': round(rank100k.lunrP50Ms, 1),
      'rank.n100k.speedupVsLunr': round(rank100k.lunrP50Ms / rank100k.p50Ms, 1),
      'rank.n100k.indexMb': round(rank100k.indexMb),
      'rank.n100k.buildMs': round(rank100k.buildMs),
      'rank.n100k.lunrBuildMs': round(rank100k.lunrBuildMs),
      'rank.n100k.learnedReasons': rank100k.learnedReasons,
      'rank.n100k.learnedGuesses': rank100k.learnedGuesses,
      'learn.n100k.buildMs': round(rank100k.learnBuildMs),
      'learn.n100k.mb': round(rank100k.learnMb),
      'learn.n10k.buildMs': round(rank10k.learnBuildMs),
      'venues.n100k.p50Ms': round(venues100k.p50Ms, 1),
      'venues.n100k.p99Ms': round(venues100k.p99Ms, 1),
      'venues.n100k.buildMs': round(venues100k.buildMs),
      'venues.n100k.mb': round(venues100k.mb, 1),
      'venues.n100k.gapsMs': round(venues100k.gapsMs),
      'venues.n100k.venueCount': venues100k.venueCount,
      'http.hello.rps': round(http.hello.rps),
      'http.picks.rps': round(http.picks.rps),
      'http.picks.p50Ms': http.picks.p50Ms,
      'http.picks.p99Ms': http.picks.p99Ms,
      'http.picksVsHello': round(http.picks.rps / http.hello.rps, 2),
      ...cold,
      runs,
      note: 'each task is a whole process (start-up included), median of the runs; the floor is ical.js parsing and expanding the same file',
    };
    mkdirSync(join(root, 'bench-results'), { recursive: true });
    writeFileSync(join(root, 'bench-results/bench.json'), `${JSON.stringify(result, null, 2)}\n`);
    if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
    // log() writes nothing under --json.
    log('');
    logIngest(result, rssRuns[0].stored, rssMs);
    log(
      `gaps5k: p50 ${round(gaps.p50Ms, 1)} ms, p99 ${round(gaps.p99Ms, 1)} ms over ${gaps.runs} runs (target p50 < 50 ms)`,
    );
    log(
      `http:   picks ${round(http.picks.rps)} req/s (p50 ${http.picks.p50Ms} ms, p99 ${http.picks.p99Ms} ms) vs hello ${round(http.hello.rps)} req/s: ${round(http.picks.rps / http.hello.rps, 2)} (targets >= 0.7 and p99 < 25 ms)`,
    );
    log(
      `venues100k: p50 ${round(venues100k.p50Ms, 1)} ms, p99 ${round(venues100k.p99Ms, 1)} ms (target p50 <= 20 ms); ${venues100k.venueCount} venues grouped in ${round(venues100k.buildMs)} ms, ${round(venues100k.mb, 1)} MB`,
    );
    for (const [name, r] of [
      ['rank10k', rank10k],
      ['rank100k', rank100k],
    ]) {
      log(
        `${name}: p50 ${round(r.p50Ms, 1)} ms, p99 ${round(r.p99Ms, 1)} ms; lunr p50 ${round(r.lunrP50Ms, 1)} ms (${round(r.lunrP50Ms / r.p50Ms, 1)}x); catalog ${round(r.indexMb)} MB built in ${round(r.buildMs)} ms (lunr ${round(r.lunrBuildMs)} ms)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
