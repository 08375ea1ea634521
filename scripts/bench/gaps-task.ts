// Times computeGaps for a large synthetic network; run by scripts/bench.mjs as a bundled child process.
import type { StoredEvent } from '../../src/core/event.ts';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { type Contact, ProfileSchema, TIERS } from '../../src/core/profile.ts';
import { computeGaps } from '../../src/network/gaps/compute-gaps.ts';
import { seededRandom } from './seeded-random.ts';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const { rand, pick } = seededRandom(11);

const FIELDS = [
  'security',
  'rust',
  'data',
  'devops',
  'frontend',
  'python',
  'ux',
  'leadership',
  'product',
  'accessibility',
  'cloud',
  'ai',
];
const TITLES = [
  'Senior engineer',
  'Security analyst',
  'Data engineer',
  'Product manager',
  'Engineering manager',
  'UX researcher',
  'SRE',
  'Developer advocate',
];
const COMMUNITIES = [
  'OWASP Berlin',
  'Rust Berlin',
  'PyData Berlin',
  'BerlinJS',
  'DevOpsDays Berlin',
  'Write the Docs',
  'Mind the Product',
];

const contacts: Contact[] = Array.from({ length: 5000 }, (_, i) => ({
  name: `Person ${i % 4900}`,
  email: `p${i % 4900}@example.org`,
  org: `Company ${i % 300}`,
  title: pick(TITLES),
  fields: [pick(FIELDS)],
  communities: rand() < 0.5 ? [pick(COMMUNITIES)] : [],
  tier: pick(TIERS),
  ...(rand() < 0.8
    ? { lastSeen: new Date(NOW - Math.floor(rand() * 900) * 86_400_000).toISOString().slice(0, 10) }
    : {}),
  ...(rand() < 0.7 ? { channel: rand() < 0.6 ? ('online' as const) : ('offline' as const) } : {}),
  notes: rand() < 0.3 ? 'Met at a meetup; talked about threat modelling and data pipelines.' : undefined,
}));

const events: StoredEvent[] = Array.from({ length: 1000 }, (_, i) => {
  const start = new Date(NOW + Math.floor(rand() * 360) * 86_400_000).toISOString().slice(0, 10);
  const field = pick(FIELDS);
  return {
    id: `e${i}`,
    uid: `e${i}`,
    recurrenceId: null,
    title: `${field} ${pick(['meetup', 'conference', 'study group', 'volunteer day'])} ${i}`,
    description: rand() < 0.1 ? 'Looking for a host for the next session.' : 'Talks and discussion.',
    start,
    end: start,
    allDay: true,
    timeZone: null,
    location: { text: 'Berlin', city: 'Berlin', country: 'Germany', lat: null, lon: null },
    city: 'Berlin',
    country: 'Germany',
    online: false,
    url: null,
    kind: pick(['conference', 'meetup', 'study-group', 'volunteer'] as const),
    topics: [field],
    cfp:
      rand() < 0.2
        ? { url: null, closes: new Date(NOW + Math.floor(rand() * 200) * 86_400_000).toISOString().slice(0, 10) }
        : null,
    organizer: null,
    status: 'confirmed',
    sources: ['bench'],
    firstSeen: '2026-11-01T00:00:00Z',
    lastChanged: '2026-11-01T00:00:00Z',
  };
});

const profile = ProfileSchema.parse({
  interests: FIELDS.slice(0, 10).map((term, i) => ({ term, weight: 1 + (i % 3) })),
  expertise: ['accessibility', 'security'],
});
const lexicon = defaultLexicon();
const times: number[] = [];
let result: ReturnType<typeof computeGaps> | null = null;
for (let run = 0; run < 33; run++) {
  const started = performance.now();
  result = computeGaps({ profile, contacts, events, nowMs: NOW, lexicon });
  if (run >= 3) times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
process.stdout.write(
  `${JSON.stringify({ runs: times.length, p50Ms: at(0.5), p99Ms: at(0.99), overdue: result?.maintenance.overdue.length, coverage: result?.coverage.length, opportunities: result?.giveFirst.opportunities.length })}\n`,
);
