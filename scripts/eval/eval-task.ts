// Ranking quality on real data (run by scripts/eval.mjs): every confs.tech list of the corpus is read
// under a neutral name, so the ranker never sees the topic a list was filed under; the topic then
// becomes a profile's one interest, and the hidden labels say which conferences were relevant.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import lunr from 'lunr';
import { foldText } from '../../src/core/fold-text.ts';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { parseConferenceList } from '../../src/ingest/conference/parse-conference-list.ts';
import { buildIndex } from '../../src/score/bm25-index.ts';
import { interestQuery } from '../../src/score/interest-query.ts';

const dir = process.argv[2]!;
const WIDE = { fromMs: Date.parse('1990-01-01'), toMs: Date.parse('2100-01-01') };

interface Doc {
  title: string;
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

const docs = new Map<string, Doc>();
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const topic = /^confs-\d{4}-(.+)\.json$/.exec(file)?.[1];
  if (!topic) continue;
  // Read under no topic at all: the file name is the label, never an input.
  const parsed = parseConferenceList(readFileSync(join(dir, file), 'utf8'), {
    window: WIDE,
    nowMs: 0,
    kind: null,
    topics: [],
  });
  for (const record of parsed.records) {
    const key = `${foldText(record.title)}|${record.start}`;
    const doc = docs.get(key) ?? {
      title: record.title,
      body: `${urlWords(record.url)} ${record.location.city ?? ''} ${record.location.country ?? ''}`,
      labels: new Set(),
    };
    doc.labels.add(topic);
    docs.set(key, doc);
  }
}
const list = [...docs.values()];
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
const index = buildIndex(list.map((d) => ({ title: d.title, topics: [], description: d.body })));
const lunrIndex = lunr(function () {
  this.ref('i');
  this.field('title', { boost: 3 });
  this.field('body');
  for (const [i, d] of list.entries()) this.add({ i: String(i), title: d.title, body: d.body });
});

const rows = topics.map((topic) => {
  const scores = index.score(interestQuery({ term: topic, weight: 1 }, lexicon).terms).values;
  const convene = [...scores.keys()].filter((i) => scores[i]! > 0).sort((a, b) => scores[b]! - scores[a]! || a - b);
  // The baseline: lunr's own query of the topic word, over the same text.
  const baseline = lunrIndex
    .query((q) => {
      for (const token of lunr.tokenizer(topic)) q.term(token.toString(), {});
    })
    .map((r) => Number(r.ref));
  return {
    topic,
    convene: { ...metrics(convene, topic), reachable: reachable(convene, topic) },
    lunr: metrics(baseline, topic),
  };
});
const mean = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + pick(r), 0) / rows.length;
process.stdout.write(
  `${JSON.stringify({
    conferences: list.length,
    topics: rows.length,
    rows,
    mean: {
      convene: {
        ndcg: mean((r) => r.convene.ndcg),
        precision: mean((r) => r.convene.precision),
        reachable: mean((r) => r.convene.reachable),
      },
      lunr: { ndcg: mean((r) => r.lunr.ndcg), precision: mean((r) => r.lunr.precision) },
    },
  })}\n`,
);
