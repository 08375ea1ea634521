import { Option } from 'commander';
import { DB_ENV, DEFAULT_DB } from '../../core/config.ts';

/** Every command's `--db FILE`: the same default, and `CONVENE_DB` read the same way everywhere (core/config.ts). */
export function dbOption(description = 'SQLite database file'): Option {
  return new Option('--db <file>', description).env(DB_ENV).default(DEFAULT_DB);
}
