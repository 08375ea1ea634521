// `npm run eval [-- --json]`: ranking quality on the corpus conference lists, Convene against plain lunr
// over the same text in the same run (nDCG@10 and precision@10 per topic).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleTask } from './bundle-task.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const json = process.argv.includes('--json');
const corpus = resolve(process.env.CONVENE_CORPUS ?? join(root, '..', 'shared', 'corpus'), 'conferences');
if (!existsSync(corpus)) {
  process.stderr.write(`eval: ${corpus} is missing (put ../shared beside the checkout or set CONVENE_CORPUS)\n`);
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'convene-eval-'));
try {
  const task = join(dir, 'eval-task.mjs');
  await bundleTask(join(root, 'scripts/eval/eval-task.ts'), task);
  const run = spawnSync(process.execPath, [task, corpus], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(run.stderr);
  const result = JSON.parse(run.stdout);
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    const f = (n) => n.toFixed(3);
    console.log(`${result.conferences} conferences, ${result.topics} topics (labels hidden from the ranker)\n`);
    console.log('topic            relevant  nDCG@10 convene  lunr    P@10 convene  lunr   reachable');
    for (const r of result.rows) {
      console.log(
        `${r.topic.padEnd(16)} ${String(r.convene.relevant).padStart(8)}  ${f(r.convene.ndcg).padStart(15)}  ${f(r.lunr.ndcg)}  ${f(r.convene.precision).padStart(12)}  ${f(r.lunr.precision)}  ${f(r.convene.reachable).padStart(10)}`,
      );
    }
    const m = result.mean;
    console.log(
      `\nmean nDCG@10: convene ${f(m.convene.ndcg)}, lunr ${f(m.lunr.ndcg)} (margin ${f(m.convene.ndcg - m.lunr.ndcg)}; targets 0.85 and +0.15)`,
    );
    console.log(`mean P@10:    convene ${f(m.convene.precision)}, lunr ${f(m.lunr.precision)}`);
    console.log(
      `reachable:    ${f(m.convene.reachable)}, the mean nDCG@10 of the best order of the conferences Convene's queries match at all (every relevant one first); the rest share no word with the query`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
