// The rankings a speed change must leave exactly as they were: bench-like catalogs (with and without the
// labelled history the topic model learns from) for several profiles, feedback and a window, and the
// demo app's picks and venues. Printed as JSON; ranking-equivalence.mjs runs it against two trees.

import { benchHistory, benchInputs, NOW } from '../../scripts/bench/bench-catalog.ts';
import type { StoredEvent } from '../../src/core/event.ts';
import type { Feedback } from '../../src/core/feedback.ts';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { type Profile, ProfileSchema } from '../../src/core/profile.ts';
import { DEFAULT_WEIGHTS } from '../../src/core/ranking.ts';
import { computeGaps } from '../../src/network/gaps/compute-gaps.ts';
import { prepareContacts } from '../../src/network/prepare-contacts.ts';
import { buildCatalog } from '../../src/score/catalog.ts';
import { type RankInput, rankEvents } from '../../src/score/rank.ts';
import { learnTopicModel, NO_TOPIC_MODEL } from '../../src/score/topic-model.ts';
import { demoApp } from '../support/demo-app.ts';

const DAY_MS = 86_400_000;
const sizes = (process.argv[2] ?? '10000,100000').split(',').map(Number);
const lexicon = defaultLexicon();
const dump: Record<string, unknown> = {};

function feedbackOn(event: StoredEvent, action: Feedback['action']): Feedback {
  return {
    userKey: 'u',
    eventId: event.id,
    uid: event.uid,
    title: event.title,
    fields: event.topics,
    action,
    met: [],
    reason: null,
    at: '2026-11-30T00:00:00Z',
  };
}

for (const size of sizes) {
  const { events, contacts, profile } = benchInputs(size);
  const profiles: [string, Profile][] = [
    ['bench', profile],
    ['rust', ProfileSchema.parse({ ...profile, interests: [{ term: 'Rust', weight: 1 }] })],
    [
      'ops-lisbon',
      ProfileSchema.parse({
        ...profile,
        interests: [
          { term: 'Kubernetes', weight: 3 },
          { term: 'observability', weight: 2 },
          { term: 'DevOps', weight: 1 },
          { term: 'Go', weight: 1 },
        ],
        location: { city: 'Lisbon', country: 'Portugal' },
        travel: { maxKm: 100, online: false },
      }),
    ],
    ['odd-words', ProfileSchema.parse({ ...profile, interests: ['book club', 'hands-on laptop', 'security'] })],
  ];
  const warnings: string[] = [];
  const prepared = prepareContacts(contacts, lexicon, NOW, warnings);
  for (const withModel of [true, false]) {
    const model = withModel ? learnTopicModel(benchHistory(size), lexicon) : NO_TOPIC_MODEL;
    const catalog = buildCatalog(events, lexicon, model);
    for (const [name, p] of profiles) {
      const gaps = computeGaps({ profile: p, contacts, events, nowMs: NOW, lexicon }, { contacts: prepared, warnings });
      const input: RankInput = {
        ...{ profile: p, catalog, gaps, contacts: prepared, lexicon },
        ...{ feedback: [], weights: DEFAULT_WEIGHTS, nowMs: NOW, limit: 50 },
      };
      const rank = (limit: number, feedback: Feedback[] = [], window?: { fromMs: number; toMs: number }) =>
        rankEvents({ ...input, limit, feedback, ...(window ? { window } : {}) });
      const key = `${size}/${withModel ? 'model' : 'no-model'}/${name}`;
      const first = rank(50);
      dump[`${key}/50`] = first;
      // Twice in a row: the second ranking reuses the first one's scratch arrays.
      dump[`${key}/50-again`] = rank(50);
      dump[`${key}/10`] = rank(10);
      const going = events[Math.floor(size / 2)]!;
      const dismissed = first.picks[0] ? events.find((e) => e.id === first.picks[0]!.event.id)! : events[0]!;
      dump[`${key}/feedback`] = rank(20, [feedbackOn(going, 'going'), feedbackOn(dismissed, 'not-interested')]);
      dump[`${key}/window`] = rank(20, [], { fromMs: NOW + 30 * DAY_MS, toMs: NOW + 90 * DAY_MS });
    }
  }
}

for (const days of [0, 180]) {
  const now = new Date(Date.parse('2026-11-27T08:00:00Z') + days * DAY_MS).toISOString();
  const demo = await demoApp(now);
  try {
    const get = async (path: string) => {
      const res = await demo.app.request(`/v1/users/${demo.user.id}/${path}`, {
        headers: { authorization: `Bearer ${demo.user.apiKey}` },
      });
      const { generatedAt: _at, ...body } = (await res.json()) as Record<string, unknown>;
      // The user's id is random; the next page's link names it.
      return JSON.parse(JSON.stringify(body).replaceAll(demo.user.id, '{user}')) as unknown;
    };
    dump[`demo/${days}/picks-20`] = await get('picks?limit=20');
    dump[`demo/${days}/picks`] = await get('picks');
    dump[`demo/${days}/venues`] = await get('venues');
  } finally {
    await demo.db.cleanup();
  }
}

process.stdout.write(`${JSON.stringify(dump)}\n`);
