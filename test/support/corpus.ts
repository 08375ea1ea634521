import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** ../shared/corpus beside the checkout (CI lays it there); CONVENE_CORPUS overrides. */
export const CORPUS_DIR = resolve(
  process.env.CONVENE_CORPUS ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus'),
);

export function corpusFiles(folder: string): string[] {
  const dir = join(CORPUS_DIR, folder);
  if (!existsSync(dir))
    throw new Error(`corpus folder missing: ${dir} (put ../shared beside the checkout or set CONVENE_CORPUS)`);
  return readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort();
}

export function corpusPath(folder: string, file: string): string {
  return join(CORPUS_DIR, folder, file);
}
