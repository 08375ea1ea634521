// Ranking speed (run by scripts/bench.mjs with --expose-gc): N synthetic events, a profile with 10
// interests and 200 contacts, top 50 with reasons, the topic model learned from N labelled past events
// (the profile's interests among their labels); plain lunr over the same text in the same process.
// Ten warm-up rankings, then fifty timed: a server ranks again and again, so the figure is the engine's
// steady state, not its first compilations.
import lunr from 'lunr';
import type { StoredEvent } from '../../src/core/event.ts';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { type Contact, ProfileSchema, TIERS } from '../../src/core/profile.ts';
import { DEFAULT_WEIGHTS } from '../../src/core/ranking.ts';
import { computeGaps } from '../../src/network/gaps/compute-gaps.ts';
import { prepareContacts } from '../../src/network/prepare-contacts.ts';
import { analyze } from '../../src/score/analyze.ts';
import { buildCatalog } from '../../src/score/catalog.ts';
import { rankEvents } from '../../src/score/rank.ts';
import { learnTopicModel } from '../../src/score/topic-model.ts';
import { seededRandom } from './seeded-random.ts';

const size = Number(process.argv[2] ?? 10_000);
const withLunr = !process.argv.includes('no-lunr');
/** `no-model`: rank as a store without labelled history would (for comparison). */
const withModel = !process.argv.includes('no-model');
const NOW = Date.parse('2026-12-01T00:00:00Z');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const { rand, pick } = seededRandom(5);

const TOPICS = [
  'Rust',
  'TypeScript',
  'application security',
  'data engineering',
  'accessibility',
  'WebAssembly',
  'Kubernetes',
  'Python',
  'UX research',
  'engineering leadership',
  'GraphQL',
  'machine learning',
  'PostgreSQL',
  'observability',
  'open source',
  'product management',
  'iOS',
  'Android',
  'Go',
  'DevOps',
];
const FORMATS = ['meetup', 'conference', 'study group', 'workshop', 'hack night', 'book club', 'summit', 'user group'];
const CITIES = [
  ['Berlin', 'Germany'],
  ['Hamburg', 'Germany'],
  ['Munich', 'Germany'],
  ['Amsterdam', 'Netherlands'],
  ['Lisbon', 'Portugal'],
  ['London', 'United Kingdom'],
  ['Paris', 'France'],
  ['Online', null],
] as const;
const SENTENCES = [
  'Two talks and time to meet people who build with {t}.',
  'Hands-on session: bring a laptop and questions about {t}.',
  'We read one chapter a month and discuss how {t} applies at work.',
  'Speakers from the community share lessons from running {t} in production.',
  'Newcomers welcome; mentors help you get started with {t}.',
];

/** Event i of the catalog, or of the labelled history (a year before, its topic as the label). */
function syntheticEvent(i: number, history: boolean): StoredEvent {
  const topic = pick(TOPICS);
  const other = pick(TOPICS);
  const [city, country] = pick(CITIES);
  const offsetHours = Math.floor(rand() * 360 * 24) - (history ? 365 * 24 : 0);
  const start = new Date(NOW + offsetHours * 3_600_000).toISOString().replace('.000Z', 'Z');
  const kind = pick(['conference', 'meetup', 'study-group', 'workshop', 'volunteer'] as const);
  const location = { text: city, city: country ? city : null, country, lat: null, lon: null };
  return {
    id: `${history ? 'h' : 'e'}${i}`,
    uid: `${history ? 'h' : ''}series-${i % Math.max(1, Math.floor(size / 3))}`,
    recurrenceId: null,
    title: `${topic} ${pick(FORMATS)} ${city} #${i}`,
    description: `${pick(SENTENCES).replace('{t}', topic)} ${pick(SENTENCES).replace('{t}', other)}`,
    start,
    end: new Date(Date.parse(start) + 7_200_000).toISOString().replace('.000Z', 'Z'),
    allDay: false,
    timeZone: 'UTC',
    location,
    city: location.city,
    country,
    online: country === null ? true : rand() < 0.1 ? 'hybrid' : false,
    url: `https://events.example.org/${i}`,
    kind,
    topics: [topic.toLowerCase()],
    cfp:
      rand() < 0.05
        ? { url: null, closes: new Date(NOW + Math.floor(rand() * 120) * 86_400_000).toISOString().slice(0, 10) }
        : null,
    organizer: null,
    status: 'confirmed',
    sources: ['bench'],
    firstSeen: '2026-11-01T00:00:00Z',
    lastChanged: '2026-11-01T00:00:00Z',
  };
}

const events: StoredEvent[] = Array.from({ length: size }, (_, i) => syntheticEvent(i, false));

const contacts: Contact[] = Array.from({ length: 200 }, (_, i) => ({
  name: `Contact ${i}`,
  fields: [pick(TOPICS).toLowerCase()],
  communities: rand() < 0.3 ? [`${pick(TOPICS)} Berlin`] : [],
  tier: pick(TIERS),
  ...(rand() < 0.8
    ? { lastSeen: new Date(NOW - Math.floor(rand() * 500) * 86_400_000).toISOString().slice(0, 10) }
    : {}),
  ...(rand() < 0.7 ? { channel: rand() < 0.5 ? ('online' as const) : ('offline' as const) } : {}),
}));
const profile = ProfileSchema.parse({
  interests: TOPICS.slice(0, 10).map((term, i) => ({ term, weight: 1 + (i % 3) })),
  expertise: ['accessibility', 'Rust'],
  location: { city: 'Berlin', country: 'Germany' },
  cadence: { perWeek: 3, perMonth: 12 },
});
const lexicon = defaultLexicon();
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!;

gc();
let heapBefore = process.memoryUsage().heapUsed;
// As many labelled past events as the catalog holds, each filed under its topic: the model learns from them.
let history: StoredEvent[] = withModel ? Array.from({ length: size }, (_, i) => syntheticEvent(i, true)) : [];
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
function timedRanking(summary: typeof gaps): { ms: number; picks: number } {
  const begun = performance.now();
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
  return { ms: performance.now() - begun, picks: result.picks.length };
}
let learnedReasons = 0;

const times: number[] = [];
let picks = 0;
for (let run = 0; run < 60; run++) {
  const ranking = timedRanking(gaps);
  if (run >= 10) times.push(ranking.ms);
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
    freshGapsP50Ms: quantile(freshTimes, 0.5),
    lunrBuildMs,
    lunrP50Ms: lunrTimes.length ? quantile(lunrTimes, 0.5) : null,
  })}\n`,
);
