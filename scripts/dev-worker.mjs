// `npm run dev:worker -- [wrangler dev flags]`: applies the SQL migrations to the local D1, then runs
// `wrangler dev` with every flag passed through (`--port 8788 --ip 127.0.0.1 --var CONVENE_ADMIN_KEY:secret`).
// A --persist-to folder is given to both steps, so the migrated database is the one the Worker opens.

import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wrangler = join(root, 'node_modules', '.bin', 'wrangler');
const args = process.argv.slice(2);
// Offline by default (each can be overridden): no usage metrics, no update check, no download of the
// request.cf sample that `wrangler dev` otherwise fetches from workers.cloudflare.com.
export const OFFLINE_WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};
const env = { ...OFFLINE_WRANGLER_ENV, ...process.env };

function persistTo(argv) {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--persist-to') return ['--persist-to', argv[i + 1]];
    if (argv[i].startsWith('--persist-to=')) return [argv[i]];
  }
  return [];
}

const migrate = spawnSync(wrangler, ['d1', 'migrations', 'apply', 'DB', '--local', ...persistTo(args)], {
  cwd: root,
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (migrate.status !== 0) {
  process.stderr.write('dev:worker: applying the migrations to the local D1 failed\n');
  process.exit(migrate.status ?? 1);
}

const dev = spawn(wrangler, ['dev', ...args], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => dev.kill(signal));
dev.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
