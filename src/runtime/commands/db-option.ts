import { Option } from 'commander';

export const DEFAULT_DB = 'data/convene.db';

/** Every command's `--db FILE`: the same default, and `CONVENE_DB` read the same way everywhere. */
export function dbOption(description = 'SQLite database file'): Option {
  return new Option('--db <file>', description).env('CONVENE_DB').default(DEFAULT_DB);
}
