import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { eventFields } from '../../src/core/event-fields.ts';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { ProfileSchema } from '../../src/core/profile.ts';
import { type LabelledText, learnTopicModel, NO_TOPIC_MODEL } from '../../src/score/topic-model.ts';
import { ingestSources } from '../../src/usecases/ingest-sources.ts';
import { recommend } from '../../src/usecases/recommend.ts';
import { corpusFiles } from '../support/corpus.ts';
import { depsFor, tempStore } from '../support/store.ts';
import { event, rank } from './scenario.ts';

const lexicon = defaultLexicon();

function edition(title: string, start: string, city: string, url: string | null, topics: string[] = []): LabelledText {
  return { title, start, city, country: 'Germany', url, description: null, topics };
}

describe('labels resolve through the lexicon as interests do', () => {
  const slugs = [...new Set(corpusFiles('conferences').map((f) => /^confs-\d{4}-(.+)\.json$/.exec(f)![1]!))];

  it.each(slugs)('the confs.tech topic %s names a field of the lexicon', (slug) => {
    expect(lexicon.knows(slug)).toBe(true);
    expect(lexicon.fieldIds).toContain(lexicon.fieldOf(slug));
  });

  it('an event carries its labels as fields, an unknown one as a field of its own', () => {
    const fields = eventFields(
      { title: 'Autumn meeting', description: null, topics: ['golang', 'quantum knitting'] },
      lexicon,
    );
    expect([...fields]).toEqual(['golang', 'quantum knitting']);
  });
});

describe('the topic model', () => {
  const history = [
    edition('enterJS', '2025-05-06', 'Mannheim', 'https://enterjs.de', ['typescript', 'javascript']),
    edition('Craft Conference', '2025-05-28', 'Budapest', 'https://craft-conf.com', ['general']),
    edition('SREday Amsterdam', '2025-03-20', 'Amsterdam', 'https://sreday.com/2025-amsterdam-q1', ['sre']),
  ];
  const model = learnTopicModel(history, lexicon);

  it('remembers a series: the next edition of one labelled last year is guessed under the same labels', () => {
    const next = model.guess(edition('enterJS 2026', '2026-06-10', 'Darmstadt', 'https://enterjs.de/2026'));
    const typescript = next.find((g) => g.field === 'typescript')!;
    expect(typescript.strength).toBe(1);
    expect(typescript.because()).toBe('listed under TypeScript in earlier years: enterJS 2025');
    const sre = model.guess(edition('SREday - London', '2026-09-10', 'London', 'https://sreday.com/2026-london-q3'));
    expect(sre.map((g) => g.field)).toContain('sre');
  });

  it('never ties a different series to it because it shares a city', () => {
    const other = model.guess(
      edition('Frontend Days Mannheim', '2026-06-10', 'Mannheim', 'https://frontend-days.example'),
    );
    expect(other.map((g) => g.field)).not.toContain('typescript');
  });

  it("says so in a learned reason, apart from the interest's text match, and the score stays the sum", () => {
    const { picks } = rank(
      { interests: ['typescript'] },
      [event({ title: 'enterJS', url: 'https://enterjs.de', start: '2026-12-03T09:00:00Z' })],
      { model },
    );
    expect(picks[0]!.reasons).toContainEqual({
      kind: 'learned',
      text: 'listed under TypeScript in earlier years: enterJS 2025',
      weight: 2,
    });
    expect(picks[0]!.reasons.map((r) => r.kind)).not.toContain('interest');
    expect(picks[0]!.score).toBeCloseTo(
      picks[0]!.reasons.reduce((s, r) => s + r.weight, 0),
      5,
    );
  });

  it('a store with no labelled history ranks exactly as without a model', () => {
    const events = [
      event({ title: 'enterJS', url: 'https://enterjs.de' }),
      event({ title: 'TypeScript Berlin meetup', start: '2026-12-10T18:00:00Z', end: '2026-12-10T20:00:00Z' }),
      event({ title: 'Rust Berlin', start: '2026-12-17T18:00:00Z', end: '2026-12-17T20:00:00Z' }),
    ];
    const profile = { interests: ['typescript', 'rust'] };
    const empty = learnTopicModel([], lexicon);
    expect(empty.examples).toBe(0);
    expect(rank(profile, events, { model: empty })).toEqual(rank(profile, events, { model: NO_TOPIC_MODEL }));
    expect(rank(profile, events, { model: empty })).toEqual(rank(profile, events));
  });
});

describe('neighbours: labelled events with alike names', () => {
  // Enough unrelated history that words shared by everything ("conference") weigh little.
  const others = [
    ['PyCon US', 'python'],
    ['RubyConf', 'ruby'],
    ['Data Council', 'data'],
    ['SREcon Americas', 'sre'],
    ['DevOpsDays Zurich', 'devops'],
    ['Rust Nation', 'rust'],
    ['GopherCon Europe', 'golang'],
    ['Laracon EU', 'php'],
    ['Women in Tech Conference', 'networking'],
    ['Product Conference', 'product'],
    ['UX Conference', 'ux'],
    ['Security Conference', 'security'],
  ].map(([title, topic], i) => edition(title!, '2024-04-10', 'Lyon', `https://example${i}.org`, [topic!]));
  const model = learnTopicModel(
    [
      ...others,
      edition('JCON EUROPE', '2024-05-13', 'Cologne', 'https://2024.europe.jcon.one', ['java']),
      edition('CSSDAY', '2024-06-06', 'Amsterdam', 'https://cssday.nl/2024', ['css']),
      edition('React Summit US', '2024-11-18', 'New York', 'https://reactsummit.us', ['javascript', 'typescript']),
    ],
    lexicon,
  );
  const fields = (title: string, url: string) =>
    model.guess(edition(title, '2025-06-01', 'Ljubljana', url)).map((g) => g.field);

  it('a sister event of another name and address learns its labels, said in words', () => {
    const guess = model
      .guess(edition('JCON OpenBlend Slovenia', '2025-06-01', 'Ljubljana', 'https://slovenia.jcon-openblend.si'))
      .find((g) => g.field === 'java')!;
    expect(guess.strength).toBeGreaterThan(0.35);
    expect(guess.because()).toBe('named like JCON EUROPE 2024, listed under Java');
  });

  it('a glued name meets its spelled-out variant through the pieces of its words', () => {
    expect(fields('CSS Day', 'https://css-day.example')).toContain('css');
    expect(fields('Ljubljana Day', 'https://ljubljana-day.example')).not.toContain('css');
  });

  it('a neighbour listed under two topics teaches both', () => {
    const guessed = fields('React Summit Ljubljana', 'https://react-summit.example');
    expect(guessed).toContain('typescript');
    expect(guessed).toContain('javascript');
  });

  it('words of a description speak for the topic whose events use them, whatever the name', () => {
    const described = (title: string, topic: string, description: string | null): LabelledText => ({
      ...edition(title, '2024-03-01', 'Lyon', null, [topic]),
      description,
    });
    const withWords = learnTopicModel(
      [
        ...others,
        described('Ops Night', 'sre', 'Incident postmortems from three teams.'),
        described('Pager Club', 'sre', 'Blameless postmortems and incident review.'),
        described('Night Shift', 'sre', 'Incident command in practice; postmortems.'),
      ],
      lexicon,
    );
    const guess = withWords
      .guess({
        ...edition('Tuesday Talks', '2025-03-01', 'Lyon', null),
        description: 'An incident and its postmortems.',
      })
      .find((g) => g.field === 'sre')!;
    expect(guess.strength).toBeGreaterThan(0.9);
    expect(guess.because()).toBe('described like events listed under site reliability before: incident, postmortems');
  });

  it("a rare topic's neighbours speak for it at a share that would say nothing of a common one", () => {
    // A hundred events of two common topics, named apart from one another and from the series below.
    const common = Array.from({ length: 100 }, (_, i) =>
      edition(`Gathering ${String.fromCharCode(97 + (i % 26), 97 + Math.floor(i / 26))}x`, '2024-02-01', 'Lyon', null, [
        i % 2 ? 'data' : 'security',
      ]),
    );
    const jsworld = ['Amsterdam', 'Paris', 'Berlin', 'Rome'].map((city, i) =>
      edition(
        `JSWorld ${city}`,
        '2024-09-01',
        city,
        null,
        i === 3 ? ['javascript', 'typescript', 'data'] : ['javascript'],
      ),
    );
    const guesses = learnTopicModel([...common, ...jsworld], lexicon).guess(
      edition('JSWorld Ljubljana', '2025-09-01', 'Ljubljana', null),
    );
    const typescript = guesses.find((g) => g.field === 'typescript')!;
    expect(typescript.strength).toBeLessThan(0.35);
    expect(typescript.because()).toBe('named like JSWorld Rome 2024, listed under TypeScript');
    expect(guesses.map((g) => g.field)).not.toContain('data');
  });

  it('a word every kind of event shares makes no neighbour', () => {
    expect(fields('Conference on Things', 'https://things.example')).toEqual([]);
  });
});

describe('labelled history in a store', () => {
  let db: ReturnType<typeof tempStore> | null = null;
  afterEach(async () => {
    await db?.cleanup();
    db = null;
  });

  it('is kept though it is past, is never picked, and teaches the next edition', async () => {
    db = tempStore();
    const now = '2026-11-27T09:00:00Z';
    const labelled = join(db.dir, 'typescript-2026.json');
    writeFileSync(
      labelled,
      JSON.stringify([
        { name: 'enterJS', url: 'https://enterjs.de', startDate: '2026-05-06', city: 'Mannheim', country: 'Germany' },
      ]),
    );
    const upcoming = join(db.dir, 'general-2027.json');
    writeFileSync(
      upcoming,
      JSON.stringify([
        {
          name: 'enterJS',
          url: 'https://enterjs.de',
          startDate: '2027-05-05',
          city: 'Darmstadt',
          country: 'Germany',
          online: true,
        },
      ]),
    );
    const reports = await ingestSources(
      depsFor(db.store, now),
      [{ location: labelled, topics: ['typescript', 'quantum knitting'] }, { location: upcoming }],
      { window: { fromMs: Date.parse(now) - 86_400_000, toMs: Date.parse(now) + 365 * 86_400_000 }, force: true },
    );
    expect(reports[0]!.counts.new).toBe(1);
    expect(reports[0]!.warnings).toEqual([
      'topic "quantum knitting" is not in the topic lexicon: kept as a field of its own',
    ]);
    const result = await recommend(
      { store: db.store, clock: fixedClock(now) },
      { profile: ProfileSchema.parse({ interests: ['typescript'] }), contacts: [], userKey: 'u', limit: 10 },
    );
    expect(result.picks.map((p) => p.event.start)).toEqual(['2027-05-05']);
    expect(result.picks[0]!.reasons).toContainEqual(
      expect.objectContaining({ kind: 'learned', text: 'listed under TypeScript in earlier years: enterJS 2026' }),
    );
  });
});
