// The synthetic catalog the ranking and venue benchmarks share: N events over 20 topics, 8 formats and
// 8 cities, a third of them in series of three, 200 contacts and a profile with 10 interests. Seeded,
// so every run and every task measures the same events.
import type { StoredEvent } from '../../src/core/event.ts';
import { type Contact, type Profile, ProfileSchema, TIERS } from '../../src/core/profile.ts';
import { seededRandom } from './seeded-random.ts';

export const NOW = Date.parse('2026-12-01T00:00:00Z');

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

/** Event i of a catalog of `size`, or of its labelled history (a year earlier, its topic as the label). */
function syntheticEvent(
  i: number,
  size: number,
  history: boolean,
  { rand, pick }: ReturnType<typeof seededRandom>,
): StoredEvent {
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

export function benchInputs(size: number): { events: StoredEvent[]; contacts: Contact[]; profile: Profile } {
  const random = seededRandom(5);
  const { rand, pick } = random;
  const events: StoredEvent[] = Array.from({ length: size }, (_, i) => syntheticEvent(i, size, false, random));

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
  return { events, contacts, profile };
}

/** As many labelled past events as the catalog holds, each filed under its topic: what the topic model learns from. */
export function benchHistory(size: number): StoredEvent[] {
  const random = seededRandom(6);
  return Array.from({ length: size }, (_, i) => syntheticEvent(i, size, true, random));
}
