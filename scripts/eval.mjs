// `npm run eval [-- --json]`: ranking quality on the corpus conference lists, by time: the topic model
// learns from the years before the last one, which is scored with its topics hidden. Text matching alone,
// with the learned model, and plain lunr over the same text, in the same run (nDCG@10 and P@10 per topic).
// `--validate`: the same measures inside the history alone (folds by series, and the last history year's
// first half teaching its second half), to choose a method without looking at the scored year.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleTask } from './bundle-task.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const json = process.argv.includes('--json');
const validating = process.argv.includes('--validate');
const at = process.argv.indexOf('--explain');
// `--explain TOPIC`: that topic's top conferences with their weights and the learned reasons, on stderr.
const explain = at > 0 && process.argv[at + 1] ? [process.argv[at + 1]] : [];
const corpus = resolve(process.env.CONVENE_CORPUS ?? join(root, '..', 'shared', 'corpus'), 'conferences');
if (!existsSync(corpus)) {
  process.stderr.write(`eval: ${corpus} is missing (put ../shared beside the checkout or set CONVENE_CORPUS)\n`);
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'convene-eval-'));
try {
  const task = join(dir, 'eval-task.mjs');
  await bundleTask(join(root, 'scripts/eval/eval-task.ts'), task);
  const run = spawnSync(process.execPath, [task, corpus, ...explain, ...(validating ? ['--validate'] : [])], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(run.stderr);
  process.stderr.write(run.stderr);
  const result = JSON.parse(run.stdout);
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else if (validating) {
    for (const run of result.validation) {
      console.log(`validation, ${run.protocol}: ${run.conferences} conferences of ${result.learnedFrom.join(', ')}\n`);
      printTable(run);
      console.log('');
    }
    const mean = (pick) => result.validation.reduce((s, run) => s + pick(run.mean), 0) / result.validation.length;
    console.log(
      `validation mean nDCG@10 over both protocols: text ${f(mean((m) => m.convene.ndcg))}, with the learned model ${f(mean((m) => m.learned.ndcg))}, lunr ${f(mean((m) => m.lunr.ndcg))}`,
    );
  } else {
    console.log(
      `${result.conferences} conferences of ${result.scoredYear} scored with their topics hidden; the model learned from ${result.history} labelled conferences of ${result.learnedFrom.join(', ')}\n`,
    );
    printTable(result);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function f(n) {
  return n.toFixed(3);
}

function printTable(result) {
  console.log('                        nDCG@10                      P@10');
  console.log('topic          rel hist  text  learned  lunr     text  learned  lunr    reachable');
  for (const r of result.rows) {
    console.log(
      `${r.topic.padEnd(13)} ${String(r.convene.relevant).padStart(4)} ${String(r.history).padStart(4)}  ${f(r.convene.ndcg)}  ${f(r.learned.ndcg).padStart(7)}  ${f(r.lunr.ndcg)}    ${f(r.convene.precision)}  ${f(r.learned.precision).padStart(7)}  ${f(r.lunr.precision)}  ${f(r.convene.reachable).padStart(10)}`,
    );
  }
  const m = result.mean;
  console.log(
    `\nmean nDCG@10: text ${f(m.convene.ndcg)}, with the learned model ${f(m.learned.ndcg)}, lunr ${f(m.lunr.ndcg)} (learned margin over lunr ${f(m.learned.ndcg - m.lunr.ndcg)}, over text ${f(m.learned.ndcg - m.convene.ndcg)})`,
  );
  console.log(
    `mean P@10:    text ${f(m.convene.precision)}, with the learned model ${f(m.learned.precision)}, lunr ${f(m.lunr.precision)}`,
  );
  console.log(
    `reachable:    ${f(m.convene.reachable)}, the mean nDCG@10 of the best order of the conferences the text queries match at all (every relevant one first); the rest share no word with the query`,
  );
}
