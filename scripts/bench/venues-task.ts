// Venue ranking speed (run by scripts/bench.mjs with --expose-gc): the rank benchmark's synthetic
// catalog, grouped into venues once (the store-wide directory and the catalog's index: build time and
// memory), then venues for the bench profile against it: ten warm-up rankings, fifty timed, each
// against gaps computed afresh (a new list of the same opportunities), as every request has.
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { DEFAULT_WEIGHTS } from '../../src/core/ranking.ts';
import { computeGaps } from '../../src/network/gaps/compute-gaps.ts';
import { prepareContacts } from '../../src/network/prepare-contacts.ts';
import { buildCatalog } from '../../src/score/catalog.ts';
import { rankVenues } from '../../src/score/venues/rank-venues.ts';
import { buildVenueDirectory } from '../../src/score/venues/venue-directory.ts';
import { buildVenueIndex } from '../../src/score/venues/venue-index.ts';
import { benchInputs, NOW } from './bench-catalog.ts';

const size = Number(process.argv[2] ?? 100_000);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const { events, contacts, profile } = benchInputs(size);
const lexicon = defaultLexicon();
const catalog = buildCatalog(events, lexicon);
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

gc();
const heapBefore = process.memoryUsage().heapUsed;
const started = performance.now();
const index = buildVenueIndex(catalog, buildVenueDirectory(events));
const buildMs = performance.now() - started;
gc();
const mb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

const warnings: string[] = [];
const prepared = prepareContacts(contacts, lexicon, NOW, warnings);
let begun = performance.now();
const gaps = computeGaps({ profile, contacts, events, nowMs: NOW, lexicon }, { contacts: prepared, warnings });
const gapsMs = performance.now() - begun;
const window = { fromMs: NOW, toMs: NOW + 365 * 86_400_000 };

const times: number[] = [];
let venues = 0;
for (let run = 0; run < 60; run++) {
  const fresh = { ...gaps, giveFirst: { ...gaps.giveFirst, opportunities: [...gaps.giveFirst.opportunities] } };
  begun = performance.now();
  const result = rankVenues({
    profile,
    catalog,
    index,
    gaps: fresh,
    contacts: prepared,
    feedback: [],
    venueFeedback: [],
    weights: DEFAULT_WEIGHTS,
    lexicon,
    nowMs: NOW,
    window,
    limit: 10,
  });
  if (run >= 10) times.push(performance.now() - begun);
  venues = result.length;
}

process.stdout.write(
  `${JSON.stringify({
    size,
    venueCount: index.ids.length,
    venues,
    buildMs,
    mb,
    gapsMs,
    p50Ms: quantile(times, 0.5),
    p99Ms: quantile(times, 0.99),
  })}\n`,
);
