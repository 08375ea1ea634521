import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/core/event.ts';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { type ProfileInput, ProfileSchema } from '../../src/core/profile.ts';
import { DEFAULT_WEIGHTS } from '../../src/core/ranking.ts';
import { computeGaps } from '../../src/network/gaps/compute-gaps.ts';
import { prepareContacts } from '../../src/network/prepare-contacts.ts';
import { buildCatalog, type EventCatalog } from '../../src/score/catalog.ts';
import { finishRanking, type RankInput, rankEvents, startRanking } from '../../src/score/rank.ts';
import { contactsFrom } from '../support/contacts.ts';
import { daysAgo, event, NOW } from './scenario.ts';

const lexicon = defaultLexicon();
const topics = ['Rust', 'security', 'accessibility', 'JavaScript', 'Kubernetes', 'design', 'chess'];

/** Six weeks of events over several topics, some with an open call for papers (give-first). */
function events(): StoredEvent[] {
  return Array.from({ length: 120 }, (_, i) => {
    const topic = topics[i % topics.length]!;
    const start = new Date(NOW + (i * 8 + 20) * 3_600_000);
    return event({
      id: `e${i}`,
      uid: `series-${i % 40}`,
      title: `${topic} meetup #${i}`,
      description: `Talks about ${topic} and ${topics[(i * 3) % topics.length]}.`,
      start: start.toISOString().replace('.000Z', 'Z'),
      end: new Date(start.getTime() + 7_200_000).toISOString().replace('.000Z', 'Z'),
      online: i % 5 === 0,
      cfp: i % 9 === 0 ? { url: null, closes: daysAgo(-(i % 30) - 1) } : null,
    });
  });
}

/** Everything a ranking of `profile` over `catalog` needs, with its own gaps and contacts. */
function rankInput(catalog: EventCatalog, profile: Partial<ProfileInput>, fields: string[]): RankInput {
  const parsed = ProfileSchema.parse({ location: { city: 'Berlin', country: 'Germany' }, ...profile });
  const contacts = contactsFrom([
    { name: 'Grace Hopper', tier: 'close', lastSeen: daysAgo(300), fields },
    { name: 'Ada Lovelace', fields: ['chess'] },
  ]);
  const warnings: string[] = [];
  const prepared = prepareContacts(contacts, lexicon, NOW, warnings);
  const gaps = computeGaps(
    { profile: parsed, contacts, events: catalog.events, nowMs: NOW, lexicon },
    { contacts: prepared, warnings },
  );
  return {
    profile: parsed,
    catalog,
    gaps,
    contacts: prepared,
    feedback: [],
    weights: DEFAULT_WEIGHTS,
    lexicon,
    nowMs: NOW,
    limit: 8,
  };
}

const rustAndSecurity = { interests: ['rust', 'security'], expertise: ['accessibility'] };
const webAndDesign = { interests: ['javascript', 'design', 'kubernetes'], expertise: ['rust'] };

describe('each ranking over a shared catalog has its own scratch', () => {
  it('two interleaved rankings over one catalog give what each gives alone', () => {
    const alone = (profile: Partial<ProfileInput>, fields: string[]) => {
      const catalog = buildCatalog(events(), lexicon);
      return rankEvents(rankInput(catalog, profile, fields));
    };
    const expectedA = alone(rustAndSecurity, ['security']);
    const expectedB = alone(webAndDesign, ['design']);

    const shared = buildCatalog(events(), lexicon);
    const inputA = rankInput(shared, rustAndSecurity, ['security']);
    const inputB = rankInput(shared, webAndDesign, ['design']);
    // A is scored and bounded, then B runs whole, then A writes its reasons: what A's reasons read
    // (its interest scores, give-first positions, bounds) must still be A's.
    const a = startRanking(inputA);
    const b = startRanking(inputB);
    const rankedB = finishRanking(b, inputB);
    b.release();
    const rankedA = finishRanking(a, inputA);
    a.release();

    expect(expectedA.picks.length).toBeGreaterThan(3);
    expect(expectedA.giveFirst.length).toBeGreaterThan(0);
    expect(expectedB.picks.length).toBeGreaterThan(3);
    // The two profiles pick differently, so one ranking reading the other's arrays would show.
    expect(expectedA.picks.map((p) => p.event.id)).not.toEqual(expectedB.picks.map((p) => p.event.id));
    expect(rankedA).toEqual(expectedA);
    expect(rankedB).toEqual(expectedB);
    // And sequential rankings on the shared catalog, reusing the released scratch, agree as well.
    expect(rankEvents(inputA)).toEqual(expectedA);
    expect(rankEvents(inputB)).toEqual(expectedB);
  });

  it('hands a taken scratch to no one else, reuses a released one, and refuses use after release', () => {
    const catalog = buildCatalog(events(), lexicon);
    const first = catalog.scratch.acquire();
    const second = catalog.scratch.acquire();
    expect(second.bound).not.toBe(first.bound);
    expect(second.scoreBuffers(0).values).not.toBe(first.scoreBuffers(0).values);
    catalog.scratch.release(first);
    expect(() => catalog.scratch.release(first)).toThrow(/released twice/);
    expect(() => first.scoreBuffers(0)).toThrow(/after its release/);
    expect(() => first.positionsIn(new Int32Array([0]))).toThrow(/after its release/);
    const third = catalog.scratch.acquire();
    expect(third).toBe(first);
    expect(catalog.scratch.acquire()).not.toBe(first);
    expect(() => buildCatalog(events(), lexicon).scratch.release(second)).toThrow(/did not hand it out/);
  });

  it('a released ranking writes no more reasons', () => {
    const catalog = buildCatalog(events(), lexicon);
    const ranking = startRanking(rankInput(catalog, rustAndSecurity, ['security']));
    const [firstCandidate, secondCandidate] = ranking.chosen;
    expect(secondCandidate).toBeDefined();
    const written = ranking.full(firstCandidate!);
    ranking.release();
    expect(ranking.full(firstCandidate!)).toBe(written);
    expect(() => ranking.full(secondCandidate!)).toThrow(/released ranking/);
  });
});
