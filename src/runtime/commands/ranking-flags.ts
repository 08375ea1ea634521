import type { Command } from 'commander';
import { openSqliteStore } from '../../store/sqlite.ts';
import { openSqliteDerivedCache } from '../../store/sqlite-derived-cache.ts';
import type { RecommendDeps, RecommendInput } from '../../usecases/recommend.ts';
import { dateFlag, refuseReversedWindow } from '../date-flag.ts';
import { nodeGazetteer } from '../node-gazetteer.ts';
import { type LoadedProfile, loadProfile } from '../profile-file.ts';
import { UsageError } from '../usage-error.ts';
import { dbOption } from './db-option.ts';
import { clockFor, userKeyOf } from './profile-context.ts';

export interface RankingFlags {
  profile: string;
  db: string;
  now?: string;
  from?: string;
  to?: string;
  limit: number;
}

/** The options `recommend` and `venues` share: the profile, the store, the time, the window and how many. */
export function rankingOptions(command: Command, what: string, defaultLimit: number): Command {
  return command
    .requiredOption('--profile <file>', 'profile JSON file')
    .addOption(dbOption('event store'))
    .option('--now <date>', 'the time to act as now')
    .option('--from <date>', 'earliest start (default: now)')
    .option('--to <date>', 'latest start (default: one year from now)')
    .option('--limit <n>', `at most this many ${what}`, (v) => Number.parseInt(v, 10), defaultLimit);
}

/** A ranking use case for the flags' profile file, with the store opened for it and closed after. */
export async function rankForProfile<T>(
  flags: RankingFlags,
  maxLimit: number,
  rank: (deps: RecommendDeps, input: RecommendInput) => Promise<T>,
): Promise<{ result: T; loaded: LoadedProfile; nowMs: number }> {
  if (!Number.isInteger(flags.limit) || flags.limit < 1 || flags.limit > maxLimit)
    throw new UsageError(`--limit must be a whole number from 1 to ${maxLimit}`);
  const fromMs = flags.from ? dateFlag(flags.from, '--from') : undefined;
  const toMs = flags.to ? dateFlag(flags.to, '--to') : undefined;
  refuseReversedWindow(fromMs, toMs);
  const clock = clockFor(flags.now);
  const loaded = loadProfile(flags.profile, clock.now());
  const store = openSqliteStore(flags.db);
  const derived = openSqliteDerivedCache(flags.db);
  try {
    const result = await rank(
      { store, clock, geocoder: nodeGazetteer, derived },
      {
        profile: loaded.profile,
        contacts: loaded.contacts,
        userKey: userKeyOf(flags.profile),
        limit: flags.limit,
        ...(fromMs !== undefined ? { fromMs } : {}),
        ...(toMs !== undefined ? { toMs } : {}),
      },
    );
    return { result, loaded, nowMs: clock.now() };
  } finally {
    derived.close();
    await store.close();
  }
}
