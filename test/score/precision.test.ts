import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { eventFields } from '../../src/core/event-fields.ts';
import { foldText } from '../../src/core/fold-text.ts';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { ProfileSchema } from '../../src/core/profile.ts';
import type { Pick, Recommendations } from '../../src/core/ranking.ts';
import { nodeGazetteer } from '../../src/runtime/node-gazetteer.ts';
import { ingestSources } from '../../src/usecases/ingest-sources.ts';
import { recommend } from '../../src/usecases/recommend.ts';
import { corpusFiles, corpusPath } from '../support/corpus.ts';
import { depsFor, tempStore } from '../support/store.ts';

/**
 * Precision as a new user meets it: the whole corpus in one store (calendars and feeds as they come,
 * every confs.tech list filed under its topic as a sources file would), then single-interest profiles.
 * A pick must show evidence of the interest in its own title, description or labels, or carry the topic
 * model's signal for it; otherwise it is a false match.
 */
const NOW = '2025-01-15T09:00:00Z';
const INTERESTS = [
  'security',
  'rust',
  'go',
  'python',
  'javascript',
  'data engineering',
  'accessibility',
  'devops',
  'ai',
  'testing',
];

describe('precision over the whole corpus in one store', () => {
  let db: ReturnType<typeof tempStore>;
  const lexicon = defaultLexicon();
  const picksFor = new Map<string, Recommendations>();
  beforeAll(async () => {
    db = tempStore();
    const specs = [
      ...corpusFiles('conferences').map((f) => ({
        location: corpusPath('conferences', f),
        topics: [/^confs-\d{4}-(.+)\.json$/.exec(f)![1]!],
      })),
      ...['ics', 'feeds'].flatMap((folder) => corpusFiles(folder).map((f) => ({ location: corpusPath(folder, f) }))),
    ];
    await ingestSources({ ...depsFor(db.store, NOW), geocoder: nodeGazetteer }, specs, {
      window: { fromMs: Date.parse('2024-01-01'), toMs: Date.parse('2026-01-01') },
      force: true,
      concurrency: 1,
    });
    for (const term of INTERESTS) {
      const profile = ProfileSchema.parse({ name: term, interests: [term] });
      picksFor.set(
        term,
        await recommend(
          { store: db.store, clock: fixedClock(NOW), geocoder: nodeGazetteer },
          { profile, contacts: [], userKey: term, limit: 20 },
        ),
      );
    }
  }, 300_000);
  afterAll(() => db.cleanup());

  /** The interest's own words or its field in the event's title, description or labels, or a learned reason. */
  async function evidenceOf(term: string, pick: Pick): Promise<boolean> {
    const field = lexicon.fieldOf(term);
    const stored = (await db.store.getEvent(pick.event.id))!;
    const text = ` ${foldText(`${stored.title} ${stored.description ?? ''} ${stored.topics.join(' ')}`)} `;
    return (
      eventFields(stored, lexicon).has(field) ||
      text.includes(` ${foldText(term)}`) ||
      pick.reasons.some((r) => r.kind === 'learned')
    );
  }

  it.each(INTERESTS)('every pick for a profile interested only in %s shows evidence of it', async (term) => {
    const result = picksFor.get(term)!;
    const without: string[] = [];
    for (const p of result.picks)
      if (!(await evidenceOf(term, p))) without.push(`${p.event.title}: ${p.reasons.map((r) => r.text).join('; ')}`);
    expect(without).toEqual([]);
  });

  it('finds picks for most of the profiles, and the model speaks for some', () => {
    const withPicks = INTERESTS.filter((term) => picksFor.get(term)!.picks.length > 0);
    expect(withPicks.length).toBeGreaterThanOrEqual(8);
    const learned = [...picksFor.values()]
      .flatMap((r) => r.picks)
      .filter((p) => p.reasons.some((r) => r.kind === 'learned'));
    expect(learned.length).toBeGreaterThan(0);
  });

  it("a birthday and a phone call are never among any profile's picks", () => {
    const titles = [...picksFor.values()].flatMap((r) => r.picks.map((p) => p.event.title));
    expect(titles.filter((t) => /Bunjevcevic|Phone Conference/.test(t))).toEqual([]);
  });
});
