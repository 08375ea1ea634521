import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The SQL files sit in src/store/migrations both when running from source and from the bundle in dist/. */
export function migrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    for (const candidate of [join(dir, 'migrations'), join(dir, 'src', 'store', 'migrations')]) {
      if (existsSync(join(candidate, '0001_init.sql'))) return candidate;
    }
    dir = dirname(dir);
  }
  throw new Error('cannot find src/store/migrations');
}
