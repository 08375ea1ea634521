// Ranking speed (run by scripts/bench.mjs with --expose-gc): N synthetic events, a profile with 10
// interests and 200 contacts, top 50 with reasons, the topic model learned from N labelled past events
// (the profile's interests among their labels); plain lunr over the same text in the same process.
// Ten warm-up rankings, then fifty timed: a server ranks again and again, so the figure is the engine's
// steady state, not its first compilations.
import lunr from 'lunr';
import type { StoredEvent } from '../../src/core/event.ts';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { DEFAULT_WEIGHTS } from '../../src/core/ranking.ts';
import { computeGaps } from '../../src/network/gaps/compute-gaps.ts';
import { prepareContacts } from '../../src/network/prepare-contacts.ts';
import { analyze } from '../../src/score/analyze.ts';
import { buildCatalog } from '../../src/score/catalog.ts';
import { rankEvents } from '../../src/score/rank.ts';
import { learnTopicModel } from '../../src/score/topic-model.ts';
import { benchHistory, benchInputs, NOW } from './bench-catalog.ts';

const size = Number(process.argv[2] ?? 10_000);
const withLunr = !process.argv.includes('no-lunr');
/** `no-model`: rank as a store without labelled history would (for comparison). */
const withModel = !process.argv.includes('no-model');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const { events, contacts, profile } = benchInputs(size);
const lexicon = defaultLexicon();
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

gc();
let heapBefore = process.memoryUsage().heapUsed;
// As many labelled past events as the catalog holds, each filed under its topic: the model learns from them.
let history: StoredEvent[] = withModel ? benchHistory(size) : [];
let started = performance.now();
const model = learnTopicModel(history, lexicon);
const learnBuildMs = performance.now() - started;
history = [];
gc();
const learnMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
heapBefore = process.memoryUsage().heapUsed;
started = performance.now();
const catalog = buildCatalog(events, lexicon, model);
const buildMs = performance.now() - started;
gc();
const indexMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

const warnings: string[] = [];
const prepared = prepareContacts(contacts, lexicon, NOW, warnings);
started = performance.now();
const gaps = computeGaps({ profile, contacts, events, nowMs: NOW, lexicon }, { contacts: prepared, warnings });
const gapsMs = performance.now() - started;

/** One ranking of the bench profile against a gap summary: its time in ms and how many picks it made. */
function timedRanking(summary: typeof gaps): { ms: number; cpuMs: number; picks: number } {
  const begun = performance.now();
  const cpuBegun = process.cpuUsage();
  const result = rankEvents({
    profile,
    catalog,
    gaps: summary,
    contacts: prepared,
    feedback: [],
    weights: DEFAULT_WEIGHTS,
    lexicon,
    nowMs: NOW,
    limit: 50,
  });
  learnedReasons = result.picks.reduce((n, p) => n + p.reasons.filter((r) => r.kind === 'learned').length, 0);
  const cpu = process.cpuUsage(cpuBegun);
  return { ms: performance.now() - begun, cpuMs: (cpu.user + cpu.system) / 1000, picks: result.picks.length };
}
let learnedReasons = 0;

const times: number[] = [];
const cpuTimes: number[] = [];
let picks = 0;
for (let run = 0; run < 60; run++) {
  const ranking = timedRanking(gaps);
  if (run >= 10) {
    times.push(ranking.ms);
    cpuTimes.push(ranking.cpuMs);
  }
  picks = ranking.picks;
}

// The catalog remembers where a gap summary's give-first events sit, per summary: a ranking against a
// summary it has not seen (a profile's first, or after the gaps change) pays those lookups too. A new
// list of the same opportunities stands for gaps computed afresh from the same events, as recommend does.
const freshTimes: number[] = [];
for (let run = 0; run < 13; run++) {
  const ranking = timedRanking({
    ...gaps,
    giveFirst: { ...gaps.giveFirst, opportunities: [...gaps.giveFirst.opportunities] },
  });
  if (run >= 3) freshTimes.push(ranking.ms);
}

let lunrBuildMs: number | null = null;
let lunrTimes: number[] = [];
if (withLunr) {
  started = performance.now();
  const index = lunr(function () {
    this.ref('id');
    this.field('title', { boost: 3 });
    this.field('topics', { boost: 2 });
    this.field('description');
    for (const e of events)
      this.add({ id: e.id, title: e.title, topics: e.topics.join(' '), description: e.description });
  });
  lunrBuildMs = performance.now() - started;
  const queryTerms = profile.interests.flatMap((i) => analyze(i.term).map((term) => ({ term, boost: i.weight })));
  lunrTimes = [];
  for (let run = 0; run < 13; run++) {
    started = performance.now();
    const hits = index.query((q) => {
      for (const { term, boost } of queryTerms) q.term(term, { boost, usePipeline: false });
    });
    hits.slice(0, 50);
    if (run >= 3) lunrTimes.push(performance.now() - started);
  }
}

process.stdout.write(
  `${JSON.stringify({
    size,
    picks,
    learnedReasons,
    learnedGuesses: [...catalog.learned.values()].reduce((n, column) => n + column.events.length, 0),
    learnBuildMs,
    learnMb,
    buildMs,
    indexMb,
    gapsMs,
    p50Ms: quantile(times, 0.5),
    p99Ms: quantile(times, 0.99),
    // The same rankings in CPU time: on a shared machine, waiting for a core is not the engine's cost.
    cpuP50Ms: quantile(cpuTimes, 0.5),
    freshGapsP50Ms: quantile(freshTimes, 0.5),
    lunrBuildMs,
    lunrP50Ms: lunrTimes.length ? quantile(lunrTimes, 0.5) : null,
  })}\n`,
);
