// Ranking quality on real data, honestly by time (run by scripts/eval.mjs): the confs.tech lists of the
// years before the scored one are the labelled history the topic model learns from; the scored year's
// lists are read under a neutral name, so neither the ranker nor the model sees the topic a list was
// filed under. Each topic then becomes a profile's one interest, and the hidden labels say which
// conferences were relevant.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import lunr from 'lunr';
import { eventFields } from '../../src/core/event-fields.ts';
import { foldText } from '../../src/core/fold-text.ts';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { DEFAULT_WEIGHTS } from '../../src/core/ranking.ts';
import { stableId } from '../../src/core/stable-id.ts';
import { parseConferenceList } from '../../src/ingest/conference/parse-conference-list.ts';
import { buildIndex } from '../../src/score/bm25-index.ts';
import { requireEvidence } from '../../src/score/evidence.ts';
import { interestQuery } from '../../src/score/interest-query.ts';
import { learnedWeight } from '../../src/score/learned-signal.ts';
import { interestWeight } from '../../src/score/reasons.ts';
import { seriesKeys } from '../../src/score/series-key.ts';
import { type LabelledText, learnTopicModel, type TopicGuess } from '../../src/score/topic-model.ts';

const dir = process.argv[2]!;
/** A topic whose top conferences, with their weights and the model's reasons, go to stderr. */
const explain = process.argv.slice(3).find((a) => !a.startsWith('--'));
const WIDE = { fromMs: Date.parse('1990-01-01'), toMs: Date.parse('2100-01-01') };

interface Doc extends LabelledText {
  /** Words of the URL and the place: the only other text a conference list gives. */
  body: string;
  labels: Set<string>;
}

function urlWords(url: string | null): string {
  if (!url) return '';
  try {
    const { hostname, pathname } = new URL(url);
    return `${hostname.replace(/^www\./, '').replace(/\.[a-z]+$/, '')} ${pathname}`.replace(/[./_-]+/g, ' ');
  } catch {
    return '';
  }
}

const byYear = new Map<string, Map<string, Doc>>();
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const match = /^confs-(\d{4})-(.+)\.json$/.exec(file);
  if (!match) continue;
  const [, year, topic] = match as unknown as [string, string, string];
  // Read under no topic at all: the file name is the label, never an input.
  const parsed = parseConferenceList(readFileSync(join(dir, file), 'utf8'), {
    window: WIDE,
    nowMs: 0,
    kind: null,
    topics: [],
  });
  const docs = byYear.get(year) ?? new Map<string, Doc>();
  byYear.set(year, docs);
  for (const record of parsed.records) {
    const key = `${foldText(record.title)}|${record.start}`;
    const doc = docs.get(key) ?? {
      title: record.title,
      url: record.url,
      city: record.location.city,
      country: record.location.country,
      description: null,
      start: record.start,
      topics: [],
      body: `${urlWords(record.url)} ${record.location.city ?? ''} ${record.location.country ?? ''}`,
      labels: new Set(),
    };
    doc.labels.add(topic);
    docs.set(key, doc);
  }
}
const years = [...byYear.keys()].sort();
const scoredYear = years.at(-1)!;
const historyYears = years.filter((y) => y < scoredYear);
const lexicon = defaultLexicon();
/** Documents as a labelled source gives them: the hidden labels as their topics. */
const withLabels = (docs: Doc[]): LabelledText[] => docs.map((d) => ({ ...d, topics: [...d.labels] }));

/**
 * Scores one list with its topics hidden: per topic of the list, text alone, text with the model's guesses
 * (`guesses[i]` for `list[i]`), and lunr. `historyOf(topic)` is how many labelled events taught the topic.
 */
function evaluate(list: Doc[], guesses: TopicGuess[][], historyOf: (topic: string) => number, explain?: string) {
  const topics = [...new Set(list.flatMap((d) => [...d.labels]))].sort();
  function metrics(order: number[], topic: string) {
    const relevantTotal = list.filter((d) => d.labels.has(topic)).length;
    let dcg = 0;
    let hits = 0;
    order.slice(0, 10).forEach((index, rank) => {
      if (list[index]!.labels.has(topic)) {
        dcg += 1 / Math.log2(rank + 2);
        hits++;
      }
    });
    let ideal = 0;
    for (let rank = 0; rank < Math.min(10, relevantTotal); rank++) ideal += 1 / Math.log2(rank + 2);
    return { ndcg: ideal > 0 ? dcg / ideal : 0, precision: hits / 10, relevant: relevantTotal };
  }

  /**
   * The best nDCG@10 any order of the conferences the query matches at all could reach: every relevant one
   * among them first. What it leaves short of 1 is beyond ordering: those conferences share no word
   * with the query.
   */
  function reachable(matched: number[], topic: string): number {
    const dcgOf = (hits: number) => {
      let dcg = 0;
      for (let rank = 0; rank < Math.min(10, hits); rank++) dcg += 1 / Math.log2(rank + 2);
      return dcg;
    };
    const relevant = list.filter((d) => d.labels.has(topic)).length;
    const found = matched.filter((i) => list[i]!.labels.has(topic)).length;
    return relevant > 0 ? dcgOf(found) / dcgOf(relevant) : 0;
  }

  const docFields = list.map((d) => eventFields({ title: d.title, description: d.body, topics: [] }, lexicon));
  const index = buildIndex(list.map((d) => ({ title: d.title, topics: [], description: d.body })));
  const lunrIndex = lunr(function () {
    this.ref('i');
    this.field('title', { boost: 3 });
    this.field('body');
    for (const [i, d] of list.entries()) this.add({ i: String(i), title: d.title, body: d.body });
  });
  /** 1 for each conference that names the field in its text, or that the model ties to the field. */
  function evidenceFor(field: string, strength: (i: number) => number): Uint8Array {
    return Uint8Array.from(list.keys(), (i) => (docFields[i]!.has(field) || strength(i) > 0 ? 1 : 0));
  }
  const best = (weights: number[]) =>
    [...weights.keys()].filter((i) => weights[i]! > 0).sort((a, b) => weights[b]! - weights[a]! || a - b);

  const rows = topics.map((topic) => {
    const query = interestQuery({ term: topic, weight: 1 }, lexicon);
    const strengthOf = (i: number) => guesses[i]!.find((g) => g.field === query.field)?.strength ?? 0;
    // Text alone: evidence is the interest's own words or its field named in the text. With the model, a
    // learned guess for the field is evidence too, so the text's neighbour words may add to it.
    const textScores = (learnedToo: boolean) => {
      const { values, max } = requireEvidence(
        index.score(query.terms),
        evidenceFor(query.field, learnedToo ? strengthOf : () => 0),
        index.titleMatch(query.terms),
      );
      return list.map((_, i) => interestWeight(values[i]!, max, 1, DEFAULT_WEIGHTS));
    };
    const text = textScores(false);
    const withModel = textScores(true);
    const learned = list.map((_, i) => withModel[i]! + learnedWeight(strengthOf(i), 1, DEFAULT_WEIGHTS));
    const { values } = requireEvidence(
      index.score(query.terms),
      evidenceFor(query.field, () => 0),
      index.titleMatch(query.terms),
    );
    const matched = [...values.keys()].filter((i) => values[i]! > 0);
    if (explain === topic)
      for (const [i, d] of list.entries())
        if (d.labels.has(topic) && learned[i] === 0) process.stderr.write(`MISS ${d.title} ${d.url}\n`);
    if (explain === topic)
      for (const i of best(learned).slice(0, 15))
        process.stderr.write(
          `${list[i]!.labels.has(topic) ? '+' : ' '} ${learned[i]!.toFixed(2)} text ${text[i]!.toFixed(2)} ${list[i]!.title} | ${guesses[i]!.find((g) => g.field === query.field)?.because() ?? ''}\n`,
        );
    // The baseline: lunr's own query of the topic word, over the same text.
    const baseline = lunrIndex
      .query((q) => {
        for (const token of lunr.tokenizer(topic)) q.term(token.toString(), {});
      })
      .map((r) => Number(r.ref));
    return {
      topic,
      history: historyOf(topic),
      convene: { ...metrics(best(text), topic), reachable: reachable(matched, topic) },
      learned: { ...metrics(best(learned), topic), reachable: reachable(best(learned), topic) },
      lunr: metrics(baseline, topic),
    };
  });
  const mean = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + pick(r), 0) / rows.length;
  const summary = (pick: (r: (typeof rows)[number]) => { ndcg: number; precision: number }) => ({
    ndcg: mean((r) => pick(r).ndcg),
    precision: mean((r) => pick(r).precision),
  });
  return {
    conferences: list.length,
    topics: rows.length,
    rows,
    mean: {
      convene: { ...summary((r) => r.convene), reachable: mean((r) => r.convene.reachable) },
      learned: { ...summary((r) => r.learned), reachable: mean((r) => r.learned.reachable) },
      lunr: summary((r) => r.lunr),
    },
  };
}

const countOf = (docs: Doc[]) => (topic: string) => docs.filter((d) => d.labels.has(topic)).length;
const FOLDS = 5;

/**
 * Validation inside the history alone, to choose methods without the scored year: (1) five folds by
 * series (a series, by name or address, is never on both sides), each fold scored by a model learned from
 * the other four, the five scored folds ranked together; (2) by time within the last history year, the
 * first half (and earlier years) teaching the second.
 */
function validate() {
  const docs = historyYears.flatMap((y) => [...byYear.get(y)!.values()]);
  const fold = seriesFolds(docs);
  const models = Array.from({ length: FOLDS }, (_, f) =>
    learnTopicModel(withLabels(docs.filter((_, i) => fold[i] !== f)), lexicon),
  );
  const bySeries = evaluate(
    docs,
    docs.map((d, i) => models[fold[i]!]!.guess(d)),
    countOf(docs),
    explain,
  );
  const mid = `${historyYears.at(-1)}-07-01`;
  const byTime = taughtAndScored(
    docs.filter((d) => (d.start ?? '') < mid),
    docs.filter((d) => (d.start ?? '') >= mid),
  );
  return [
    { protocol: `${FOLDS} folds by series`, ...bySeries },
    { protocol: `${mid.slice(0, 4)} first half teaches second half`, ...byTime },
  ];
}

/** Each document's fold: the series it shares a name or an address with stay together. */
function seriesFolds(docs: Doc[]): number[] {
  const parent = docs.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const firstWith = new Map<string, number>();
  docs.forEach((doc, i) => {
    const { name, site } = seriesKeys(doc);
    for (const key of [name && `n:${name}`, site && `s:${site}`]) {
      if (!key) continue;
      const other = firstWith.get(key);
      if (other === undefined) firstWith.set(key, i);
      else parent[root(i)] = root(other);
    }
  });
  // A group's fold follows from its first document's name, so it does not move when documents are added.
  return docs.map((_, i) => Number.parseInt(stableId(foldText(docs[root(i)]!.title)).slice(0, 8), 16) % FOLDS);
}

/** `scored` ranked with its topics hidden, the model learned from `taught`. */
function taughtAndScored(taught: Doc[], scored: Doc[]) {
  const model = learnTopicModel(withLabels(taught), lexicon);
  return evaluate(
    scored,
    scored.map((d) => model.guess(d)),
    countOf(taught),
    explain,
  );
}

if (process.argv.includes('--validate')) {
  process.stdout.write(`${JSON.stringify({ learnedFrom: historyYears, validation: validate() })}\n`);
} else {
  // Only years before the scored one teach, with their labels as their sources gave them.
  const history = historyYears.flatMap((y) => [...byYear.get(y)!.values()]);
  const result = taughtAndScored(history, [...byYear.get(scoredYear)!.values()]);
  process.stdout.write(
    `${JSON.stringify({ scoredYear, learnedFrom: historyYears, history: history.length, ...result })}\n`,
  );
}
