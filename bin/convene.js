#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'cli.mjs');
// npm runs the build on install; a checkout that skipped install scripts builds on first use.
if (!existsSync(bundle)) {
  const { buildCli } = await import('../scripts/build.mjs');
  await buildCli();
}
await import(bundle);
