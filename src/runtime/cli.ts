import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { type EnvConfig, EnvConfigSchema, VERSION } from '../core/config.ts';
import { UnknownEventError } from '../core/errors.ts';
import { shortPlace } from '../core/event-place.ts';
import type { SourceSpec } from '../core/source.ts';
import { defaultWindow, type TimeWindow } from '../core/window.ts';
import { SearchSyntaxError } from '../search/text-search.ts';
import type { SqliteStoreOptions } from '../store/sqlite.ts';
import { openSqliteDerivedCache } from '../store/sqlite-derived-cache.ts';
import { ingestSources, recordIngestFailure, type SourceReport } from '../usecases/ingest-sources.ts';
import { readDerivedAhead } from '../usecases/read-derived-ahead.ts';
import { changedEvents } from '../usecases/refresh-derived.ts';
import { listEvents } from '../usecases/search-events.ts';
import { UnknownVenueError } from '../usecases/venues.ts';
import { adminKeyHash } from './admin-key-setup.ts';
import { dbOption } from './commands/db-option.ts';
import { registerFeedbackCommand } from './commands/feedback.ts';
import { registerNetworkCommands } from './commands/network.ts';
import { registerPlacesCommands } from './commands/places.ts';
import { registerRankingCommands } from './commands/recommend.ts';
import { registerVenueCommands } from './commands/venues.ts';
import { dateFlag, refuseReversedWindow } from './date-flag.ts';
import { collectBetweenIngestStages, growHeapByDefault } from './ingest-heap.ts';
import { createIngestThread } from './ingest-thread.ts';
import { createLruCache } from './lru-cache.ts';
import { createNodeDeps, normaliseLocation } from './node-deps.ts';
import { nodeGazetteer } from './node-gazetteer.ts';
import { nodeClientAddress, nodeRequestHeader } from './node-request.ts';
import { loadProfile, ProfileError } from './profile-file.ts';
import { userForProfileFile } from './profile-user.ts';
import { createProgress, describe, sourceLabels } from './progress.ts';
import { refreshDerivedAt } from './refresh-derived-at.ts';
import { readSourceList } from './source-list.ts';
import { UsageError } from './usage-error.ts';

function env(): EnvConfig {
  return EnvConfigSchema.parse(process.env);
}

function openDb(path: string, allowPrivateNetwork = false, storeOptions: SqliteStoreOptions = {}) {
  mkdirSync(dirname(path), { recursive: true });
  return createNodeDeps(path, allowPrivateNetwork, storeOptions);
}

/**
 * The server's own writes (feedback, profiles) run on its event loop: rather than block it for
 * seconds behind the ingest worker's transaction, a write that waits this long answers 503 busy.
 */
const SERVER_BUSY_TIMEOUT_MS = 200;

/** How often the server looks for a new store state whose ranking catalog it can read ahead (a stamp read). */
const READ_AHEAD_MS = 250;

/**
 * Ranked answers kept in memory: a few per active user (picks and venues bodies, the page, the feeds),
 * each tens of KB. Bounded by bytes (by estimate) so that large answers cannot outgrow a few hundred MB,
 * and per user so that one key holder asking many distinct windows evicts their own answers, not others'.
 */
const ANSWER_CACHE = { entries: 20_000, maxBytes: 256 * 1024 * 1024, maxEntriesPerOwner: 64 };

function windowFrom(opts: { from?: string; to?: string; now?: string }): { window: TimeWindow; nowMs: number } {
  const nowMs = opts.now ? dateFlag(opts.now, '--now') : Date.now();
  const fallback = defaultWindow(nowMs);
  const fromMs = opts.from ? dateFlag(opts.from, '--from') : fallback.fromMs;
  const toMs = opts.to ? dateFlag(opts.to, '--to') : fallback.toMs;
  refuseReversedWindow(fromMs, toMs);
  return { window: { fromMs, toMs }, nowMs };
}

interface IngestFlags {
  db: string;
  json?: boolean;
  from?: string;
  to?: string;
  now?: string;
  allowPrivateNetwork?: boolean;
  sources?: string;
  force?: boolean;
}

export async function runIngest(locations: string[], flags: IngestFlags): Promise<SourceReport[]> {
  const { window, nowMs } = windowFrom(flags);
  const specs: SourceSpec[] = [
    ...(flags.sources ? readSourceList(flags.sources, nowMs) : []),
    ...locations.map((l) => ({ location: normaliseLocation(l) })),
  ];
  if (specs.length === 0) throw new UsageError('no sources: name files or URLs, or --sources FILE');
  collectBetweenIngestStages();
  const deps = openDb(flags.db, flags.allowPrivateNetwork || env().CONVENE_ALLOW_PRIVATE_NETWORK);
  const clock = { now: () => (flags.now ? nowMs : Date.now()) };
  const progress = createProgress(specs.length, process.stderr, { ci: env().CI });
  try {
    const reports = await ingestSources({ ...deps, clock }, specs, {
      window,
      force: Boolean(flags.force),
      onResult: (r) => progress.update(r),
    });
    progress.stop();
    if (changedEvents(reports)) {
      growHeapByDefault();
      await refreshDerivedAt(flags.db, { ...deps, clock });
    }
    return reports;
  } finally {
    progress.stop();
    await deps.store.close();
  }
}

function printReports(reports: SourceReport[], json: boolean, stream: NodeJS.WriteStream = process.stdout): void {
  if (json) return void stream.write(`${JSON.stringify({ sources: reports }, null, 2)}\n`);
  const labels = sourceLabels(reports);
  reports.forEach((r, i) => {
    stream.write(`${describe(r, labels[i])}\n${r.warnings.map((w) => `  warning: ${w}\n`).join('')}`);
  });
}

/** `workerEntry`: the script `convene serve`'s ingest worker runs (the CLI bundle itself). */
export function buildProgram(workerEntry: string): Command {
  // Commander's own errors (unknown flag, bad choice, missing option) are thrown, not exited on, so main
  // can give them the usage exit code; subcommands inherit this when they are added.
  const program = new Command('convene')
    .description('Events and venues worth attending, chosen to fill the gaps in your network')
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError();

  program
    .command('ingest')
    .description('fetch calendars (.ics), RSS/Atom/JSON feeds and confs.tech lists into the event store')
    .argument('[source...]', 'http(s) URLs or file paths; the format is read from the content')
    .addOption(dbOption())
    .option('--json', 'print one JSON object with a report per source')
    .option('--from <date>', 'start of the recurrence window (default: one day ago)')
    .option('--to <date>', 'end of the recurrence window (default: one year from now)')
    .option('--now <date>', 'the time to act as now (for reproducible runs)')
    .option('--sources <file>', 'a JSON list of sources: URL or path, optional name, kind, topics, refreshMinutes')
    .option('--force', 'fetch sources that are backing off or disabled')
    .option(
      '--allow-private-network',
      'allow fetching from loopback and private addresses (also CONVENE_ALLOW_PRIVATE_NETWORK=1)',
    )
    .action(async (locations: string[], flags: IngestFlags) => {
      const reports = await runIngest(locations, flags);
      printReports(reports, Boolean(flags.json));
      if (reports.some((r) => r.status === 'error')) process.exitCode = 1;
    });

  program
    .command('sources')
    .description('list every source with its health')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action(async (flags: { db: string; json?: boolean }) => {
      const { store } = openDb(flags.db);
      const sources = await store.listSources();
      await store.close();
      if (flags.json) return void process.stdout.write(`${JSON.stringify({ sources }, null, 2)}\n`);
      for (const s of sources) {
        const health = s.status === 'error' ? `error ${s.lastErrorKind}: ${s.lastErrorMessage}` : s.status;
        process.stdout.write(
          `${s.name ?? s.location}\n  ${s.location}\n  ${health} · ${s.eventCount} event${s.eventCount === 1 ? '' : 's'} · next check ${s.nextCheckAt ?? 'now'}${s.disabled ? ' · disabled' : ''}\n`,
        );
      }
    });

  program
    .command('events')
    .description('list stored events (each once, with every source that lists it)')
    .addOption(dbOption())
    .option('--from <date>', 'from (default: now)')
    .option('--to <date>', 'to (default: one year from now)')
    .option('--now <date>', 'the time to act as now')
    .option('--limit <n>', 'at most this many events', (v) => Number.parseInt(v, 10))
    .option('--include-cancelled', 'also list cancelled events')
    .option('--no-undated', 'leave out undated opportunities (feed items with no event date)')
    .option(
      '--search <query>',
      'only events matching a search, best first (lunr syntax: words, +must, -not, title:word, word*, word~1)',
    )
    .option('--json', 'print JSON')
    .action(
      async (flags: {
        db: string;
        from?: string;
        to?: string;
        now?: string;
        limit?: number;
        includeCancelled?: boolean;
        undated: boolean;
        search?: string;
        json?: boolean;
      }) => {
        const { nowMs, window } = windowFrom({ ...flags, from: flags.from ?? flags.now ?? new Date().toISOString() });
        const { store } = openDb(flags.db);
        const fromMs = flags.from ? window.fromMs : nowMs;
        // The search index is kept in the store's derived cache, so only a search opens it.
        const derived = flags.search === undefined ? undefined : openSqliteDerivedCache(flags.db);
        const events = await listEvents(
          { store, derived },
          {
            fromMs,
            toMs: window.toMs,
            includeUndated: flags.undated,
            includeCancelled: Boolean(flags.includeCancelled),
            ...(flags.limit ? { limit: flags.limit } : {}),
            ...(flags.search !== undefined ? { search: flags.search } : {}),
          },
        )
          .catch((error: unknown) => {
            if (error instanceof SearchSyntaxError) throw new UsageError(`--search: ${error.message}`);
            throw error;
          })
          .finally(() => {
            derived?.close();
            return store.close();
          });
        if (flags.json) return void process.stdout.write(`${JSON.stringify({ events }, null, 2)}\n`);
        if (events.length === 0) {
          const span = `from ${new Date(fromMs).toISOString().slice(0, 10)} to ${new Date(window.toMs).toISOString().slice(0, 10)}`;
          process.stdout.write(
            flags.search === undefined
              ? `No stored events ${span}.\n`
              : `No events match "${flags.search}" ${span}; try other words, or a wider --from/--to.\n`,
          );
        }
        for (const e of events) {
          const place = shortPlace({ online: e.online, ...e.location });
          process.stdout.write(
            `${e.start ?? 'undated   '}  ${e.title}  [${e.kind}${place ? `, ${place}` : ''}]${e.status === 'confirmed' ? '' : ` ${e.status.toUpperCase()}`}\n`,
          );
        }
      },
    );

  registerNetworkCommands(program);
  registerRankingCommands(program);
  registerFeedbackCommand(program);
  registerVenueCommands(program);
  registerPlacesCommands(program);

  servingCommand(program, 'serve', 'serve the HTTP API and pages')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .action(async (flags: { db: string; port: string; host: string }) => {
      await serveApp(workerEntry, flags.db, Number(flags.port), flags.host);
    });

  servingCommand(
    program,
    'start',
    'ingest the bundled demo sources (data/sources.demo.json) and serve them on localhost',
  )
    .option('--sources <file>', 'source list to ingest first', 'data/sources.demo.json')
    .option('--profile <file>', 'whose picks to serve', 'data/demo/profile.template.json')
    .action(async (flags: { db: string; port: string; sources: string; profile: string }) => {
      const reports = await runIngest([], { db: flags.db, sources: flags.sources, force: true });
      printReports(reports, false, process.stderr);
      const failed = reports.filter((r) => r.status === 'error');
      process.stderr.write(`ingested ${reports.length - failed.length}/${reports.length} demo sources\n`);
      await serveApp(workerEntry, flags.db, Number(flags.port), '127.0.0.1', flags.profile);
    });

  return program;
}

/** A command that serves the app: both read the same `--db` and `--port` (or `PORT`). */
function servingCommand(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .addOption(dbOption())
    .addOption(new Option('--port <port>', 'port').env('PORT').default('8787'));
}

async function serveApp(
  workerEntry: string,
  db: string,
  port: number,
  hostname: string,
  profilePath?: string,
): Promise<void> {
  // The HTTP stack is loaded only by the commands that serve.
  const [{ serve }, { createApp }] = await Promise.all([import('@hono/node-server'), import('../http/app.ts')]);
  const config = env();
  const { store, clock } = openDb(db, config.CONVENE_ALLOW_PRIVATE_NETWORK, { busyTimeoutMs: SERVER_BUSY_TIMEOUT_MS });
  const derived = openSqliteDerivedCache(db, SERVER_BUSY_TIMEOUT_MS);
  const ingestThread = createIngestThread(
    workerEntry,
    { db, allowPrivateNetwork: config.CONVENE_ALLOW_PRIVATE_NETWORK },
    {
      recordFailure: (spec, problem) => recordIngestFailure({ store, clock }, spec, problem.kind, problem.message),
    },
  );
  const loaded = profilePath ? loadProfile(profilePath, clock.now()) : null;
  const served = loaded && profilePath ? await userForProfileFile(store, clock, profilePath, loaded) : null;
  const keyHash = await adminKeyHash(store, config.CONVENE_ADMIN_KEY, (line) => process.stderr.write(`${line}\n`));
  const app = createApp({
    store,
    clock,
    cache: createLruCache(ANSWER_CACHE.entries, {
      maxBytes: ANSWER_CACHE.maxBytes,
      maxEntriesPerOwner: ANSWER_CACHE.maxEntriesPerOwner,
    }),
    adminKeyHash: keyHash,
    geocoder: nodeGazetteer,
    derived,
    clientAddress: nodeClientAddress,
    requestHeader: nodeRequestHeader,
    ingest: ingestThread.ingest,
    ...(served ? { home: { userId: served.user.id, pagePath: `/u/${served.feedToken}` } } : {}),
  });
  const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
    const base = `http://${hostname}:${info.port}`;
    const what = served
      ? `picks for ${served.user.profile.name ?? profilePath} as JSON: /v1/picks, all events: /events`
      : 'events: /, /events, /v1/events';
    process.stderr.write(
      `Convene is serving on ${base}/ (${what}, API docs: /docs; sources: /v1/sources with the admin key)\n`,
    );
    if (served) {
      // The last line, so it is what a new user sees: the page of ranked picks.
      process.stderr.write(
        `\nEvents worth attending for ${served.user.profile.name ?? 'the demo profile'}: ${base}/u/${served.feedToken}\n` +
          `(a private address: each start issues a new one; calendar: ${base}/cal/${served.feedToken}.ics)\n`,
      );
    }
  });
  // An ingest in another process (cron) changes the store under the server: the catalog it persists for
  // the new state is read as soon as it is there, ahead of the next request, not by it.
  // One read at a time: decoding a large catalog can outlast the interval, and two would hold it twice.
  let readingAhead = false;
  const readAhead = setInterval(() => {
    if (readingAhead) return;
    readingAhead = true;
    readDerivedAhead({ store, derived, clock, geocoder: nodeGazetteer })
      .catch(() => undefined)
      .finally(() => {
        readingAhead = false;
      });
  }, READ_AHEAD_MS);
  readAhead.unref();
  const stop = () => {
    clearInterval(readAhead);
    server.close();
    void ingestThread.close();
    derived.close();
    void store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export async function main(argv: string[], workerEntry: string): Promise<void> {
  // `convene events | head` closes the pipe early; that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await buildProgram(workerEntry).parseAsync(argv);
  } catch (error) {
    // Commander has printed its message (and help) already; --help and --version end here with 0.
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`convene: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode =
      error instanceof UsageError ||
      error instanceof ProfileError ||
      error instanceof UnknownEventError ||
      error instanceof UnknownVenueError
        ? 2
        : 1;
  }
}
