// Whether this tree ranks exactly as another commit does (default: main): the same picks, scores, reasons
// and their words, give-first and venues, for every scenario of ranking-dump.ts. For changes meant to make
// ranking faster without changing what it says.
//   node test/score/ranking-equivalence.mjs [--base REF] [--sizes 10000,100000]
// Exits 1 and names the first differences when the rankings differ.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { bundleTask } from '../../scripts/bundle-task.mjs';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: { base: { type: 'string', default: 'main' }, sizes: { type: 'string', default: '10000,100000' } },
});
const DUMP = 'test/score/ranking-dump.ts';

const scratch = mkdtempSync(join(tmpdir(), 'ranking-equivalence-'));
/**
 * The dump of a tree's rankings. Both bundles run from one folder, two levels below one copy of data/, so
 * the demo's sources have the same paths (and so the same event ids) for both trees.
 */
async function dumpOf(tree, name) {
  const bundle = join(scratch, 'run', 'bundles', 'dump', `${name}.mjs`);
  await bundleTask(join(tree, DUMP), bundle, ['better-sqlite3']);
  const out = execFileSync(process.execPath, ['--max-old-space-size=8192', bundle, values.sizes], {
    cwd: tree,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

try {
  const base = join(scratch, 'base');
  mkdirSync(join(base, 'test', 'score'), { recursive: true });
  execFileSync('sh', [
    '-c',
    `git -C "${root}" archive "${values.base}" src scripts data test/support tsconfig.json package.json | tar -x -C "${base}"`,
  ]);
  // The same scenarios for both trees, and the base's own code under them.
  copyFileSync(join(root, DUMP), join(base, DUMP));
  symlinkSync(join(root, 'node_modules'), join(base, 'node_modules'));
  mkdirSync(join(scratch, 'run'));
  cpSync(join(root, 'data'), join(scratch, 'run', 'data'), { recursive: true });
  // The store's migrations are found beside the bundle too (unchanged by ranking work: this tree's).
  for (const shared of ['node_modules', 'src']) symlinkSync(join(root, shared), join(scratch, 'run', shared));
  const [before, after] = [await dumpOf(base, 'base'), await dumpOf(root, 'this')];
  const keys = Object.keys(before);
  const differing = keys.filter((key) => !isDeepStrictEqual(before[key], after[key]));
  for (const key of differing.slice(0, 5)) {
    const [a, b] = [before[key], after[key]];
    const picks = (r) => (r.picks ?? r.venues ?? []).map((p) => JSON.stringify(p));
    const [pa, pb] = [picks(a), picks(b)];
    const at = pa.findIndex((p, k) => p !== pb[k]);
    const whole = at < 0 ? `:\n  ${values.base}: ${JSON.stringify(a)}\n  this: ${JSON.stringify(b)}` : '';
    console.error(
      `${key}: differs${at >= 0 ? ` at entry ${at}:\n  ${values.base}: ${pa[at]}\n  this: ${pb[at]}` : whole}`,
    );
  }
  const picks = keys.reduce((n, key) => n + (before[key].picks ?? before[key].venues ?? []).length, 0);
  console.log(
    `${keys.length - differing.length} of ${keys.length} rankings (${picks} picks and venues) as ${values.base} ranks them`,
  );
  process.exitCode = differing.length === 0 && Object.keys(after).length === keys.length ? 0 : 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
