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
import { parseConferenceList } from '../../src/ingest/conference/parse-conference-list.ts';
import { buildIndex } from '../../src/score/bm25-index.ts';
import { requireEvidence } from '../../src/score/evidence.ts';
import { interestQuery } from '../../src/score/interest-query.ts';
import { learnedWeight } from '../../src/score/learned-signal.ts';
import { interestWeight } from '../../src/score/reasons.ts';
import { type LabelledText, learnTopicModel } from '../../src/score/topic-model.ts';

const dir = process.argv[2]!;
/** A topic whose top conferences, with their weights and the model's reasons, go to stderr. */
const explain = process.argv[3];
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
const list = [...byYear.get(scoredYear)!.values()];
// Only years before the scored one teach, with their labels as their sources gave them.
const history = years
  .filter((y) => y < scoredYear)
  .flatMap((y) => [...byYear.get(y)!.values()].map((d) => ({ ...d, topics: [...d.labels] })));
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

const lexicon = defaultLexicon();
const model = learnTopicModel(history, lexicon);
const guesses = list.map((d) => model.guess(d));
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
const historyCount = (topic: string) => history.filter((d) => d.labels.has(topic)).length;
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
    history: historyCount(topic),
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
process.stdout.write(
  `${JSON.stringify({
    scoredYear,
    learnedFrom: years.filter((y) => y < scoredYear),
    history: history.length,
    conferences: list.length,
    topics: rows.length,
    rows,
    mean: {
      convene: { ...summary((r) => r.convene), reachable: mean((r) => r.convene.reachable) },
      learned: { ...summary((r) => r.learned), reachable: mean((r) => r.learned.reachable) },
      lunr: summary((r) => r.lunr),
    },
  })}\n`,
);
