import pLimit, { type LimitFunction } from 'p-limit';
import type { Clock } from '../core/clock.ts';
import { type FailureKind, failure, SourceError, type SourceFailure } from '../core/errors.ts';
import type { EventStore, IngestCounts } from '../core/event-store.ts';
import type { Geocoder } from '../core/geocoder.ts';
import { defaultLexicon } from '../core/lexicon.ts';
import type { Source, SourceSpec } from '../core/source.ts';
import type { ReadOutcome, SourceReader } from '../core/source-reader.ts';
import type { TimeWindow } from '../core/window.ts';
import { matchDuplicate } from '../ingest/dedupe.ts';
import { parseSourceBytes } from '../ingest/parse-source.ts';
import type { ParseOptions } from '../ingest/parsed-source.ts';
import { afterFailure, afterSuccess } from '../ingest/schedule.ts';
import { validRecords } from '../ingest/validate-records.ts';
import { placeRecords } from '../places/place-record.ts';
import { type OutsideWindow, outsideWindowTally } from './outside-window.ts';

export interface IngestDeps {
  store: EventStore;
  reader: SourceReader;
  clock: Clock;
  /** Places events by their free-text location as they are stored; without one they keep what the source gave. */
  geocoder?: () => Promise<Geocoder>;
}

export interface IngestRunOptions {
  window: TimeWindow;
  /** Fetch even a source that is backing off or disabled. */
  force: boolean;
  /**
   * Parse the whole source before the write transaction opens, rather than streaming records into
   * it: the write lock is then held only for the write, so other connections' writes do not wait
   * behind a parse (`convene serve` ingests on a worker beside the server's own connection).
   */
  parseBeforeWrite?: boolean;
  concurrency?: number;
  /** Sources fetched at once from one host (default 2). */
  perHost?: number;
  onResult?: (report: SourceReport) => void;
}

export interface SourceReport {
  source: string;
  name: string | null;
  status: 'ok' | 'unchanged' | 'error' | 'skipped';
  format: string | null;
  error: { kind: FailureKind; message: string } | null;
  counts: IngestCounts;
  warnings: string[];
  nextCheckAt: string | null;
  /** Dated entries left out for lying outside the window, or null when there were none. */
  outsideWindow: OutsideWindow | null;
}

class StreamedParseError extends Error {
  constructor(readonly failure: SourceFailure) {
    super(failure.message);
  }
}

/** Tells a parser's failure apart from a storage fault when both surface from inside the store's transaction. */
function* markParseErrors<T>(records: Iterable<T>, format: string): Generator<T> {
  try {
    yield* records;
  } catch (error) {
    throw new StreamedParseError(
      error instanceof SourceError
        ? failure(error.kind, error.message)
        : failure('parse', `${format} parser failed (${error instanceof Error ? error.name : 'error'})`),
    );
  }
}

const ZERO: IngestCounts = { new: 0, changed: 0, unchanged: 0, cancelled: 0, withdrawn: 0 };

function report(source: Source, status: SourceReport['status'], extra: Partial<SourceReport> = {}): SourceReport {
  return {
    source: source.location,
    name: source.name,
    status,
    format: source.format,
    error: null,
    counts: ZERO,
    warnings: [],
    nextCheckAt: source.nextCheckAt,
    outsideWindow: null,
    ...extra,
  };
}

function skipReason(source: Source, nowMs: number): string | null {
  if (source.disabled) return `disabled after ${source.lastErrorMessage ?? 'a permanent error'}; use --force to retry`;
  if (source.failureCount > 0 && source.nextCheckAt && Date.parse(source.nextCheckAt) > nowMs) {
    return `backing off after ${source.failureCount} failure(s) until ${source.nextCheckAt}; use --force to retry now`;
  }
  return null;
}

async function fail(
  deps: IngestDeps,
  source: Source,
  at: number,
  problem: SourceFailure,
  warnings: string[] = [],
): Promise<SourceReport> {
  const schedule = await saveFailure(deps, source, at, problem);
  return report(source, 'error', {
    error: { kind: problem.kind, message: problem.message },
    nextCheckAt: schedule.nextCheckAt,
    warnings,
  });
}

async function saveFailure(deps: Pick<IngestDeps, 'store'>, source: Source, at: number, problem: SourceFailure) {
  const schedule = afterFailure(at, source.failureCount, problem);
  await deps.store.saveFailure(source.id, new Date(at).toISOString(), schedule, problem);
  return schedule;
}

/**
 * Records on a source that an ingest ended without finishing (stopped at its deadline, its worker
 * died): the source backs off like after any failure, and its previous events stay.
 */
export async function recordIngestFailure(
  deps: Pick<IngestDeps, 'store' | 'clock'>,
  spec: SourceSpec,
  kind: FailureKind,
  message: string,
): Promise<void> {
  await saveFailure(deps, await deps.store.ensureSource(spec), deps.clock.now(), failure(kind, message));
}

/**
 * Reads a source and parses its bytes, or says what to report instead. The bytes live only in here: a
 * 10 MB calendar's would otherwise stay in the caller's frame through the whole write.
 */
async function fetchAndParse(
  deps: IngestDeps,
  source: Source,
  startedAt: number,
  parseOptions: ParseOptions,
): Promise<
  | { report: SourceReport }
  | {
      outcome: Omit<Extract<ReadOutcome, { kind: 'fetched' }>, 'body'>;
      parsed: Awaited<ReturnType<typeof parseSourceBytes>>;
    }
> {
  const read = await deps.reader.read(source.location, { etag: source.etag, lastModified: source.lastModified });
  if (read.kind === 'failed') return { report: await fail(deps, source, startedAt, read.failure) };
  if (read.kind === 'not_modified') {
    const schedule = afterSuccess(startedAt, source.refreshMinutes, null);
    await deps.store.saveUnchanged(source.id, new Date(startedAt).toISOString(), schedule, read.validators);
    return { report: report(source, 'unchanged', { nextCheckAt: schedule.nextCheckAt }) };
  }
  const { body, ...outcome } = read;
  try {
    return { outcome, parsed: await parseSourceBytes(body, outcome.contentType, parseOptions) };
  } catch (error) {
    const problem =
      error instanceof SourceError ? failure(error.kind, error.message) : failure('parse', 'unreadable source');
    return { report: await fail(deps, source, startedAt, problem) };
  }
}

export async function ingestSource(
  deps: IngestDeps,
  spec: SourceSpec,
  options: IngestRunOptions,
): Promise<SourceReport> {
  const source = await deps.store.ensureSource(spec);
  const startedAt = deps.clock.now();
  const reason = options.force ? null : skipReason(source, startedAt);
  if (reason) return report(source, 'skipped', { warnings: [reason] });

  // A labelled source's past events stay as history the topic model learns from (never picked).
  const window =
    source.topics.length > 0
      ? { ...options.window, fromMs: options.window.fromMs - LABELLED_HISTORY_MS }
      : options.window;
  const outside = outsideWindowTally(window);
  const fetched = await fetchAndParse(deps, source, startedAt, {
    window,
    nowMs: startedAt,
    kind: source.kind,
    topics: source.topics,
    onOutsideWindow: outside.note,
  });
  if ('report' in fetched) return fetched.report;
  const { outcome, parsed } = fetched;
  // The same array the parser appends to while its records stream into the store.
  const warnings = parsed.warnings;
  warnings.push(...unknownLabels(source.topics));
  const valid = validRecords(markParseErrors(parsed.records, parsed.format), warnings);
  const streamed = deps.geocoder ? placeRecords(valid, await deps.geocoder()) : valid;
  const publisherMinutes = Math.max(parsed.refreshMinutes ?? 0, Math.round((outcome.maxAgeSeconds ?? 0) / 60)) || null;
  const schedule = afterSuccess(startedAt, source.refreshMinutes, publisherMinutes);
  let counts: IngestCounts;
  try {
    const records = options.parseBeforeWrite ? Array.from(streamed) : streamed;
    counts = await deps.store.saveIngest(
      source.id,
      records,
      {
        ...schedule,
        at: new Date(startedAt).toISOString(),
        window,
        cancelVanished: parsed.format !== 'rss' && parsed.format !== 'jsonfeed' && !parsed.truncated,
        withdrawVanished: parsed.format === 'rss' || parsed.format === 'jsonfeed',
        format: parsed.format,
        title: parsed.title,
        validators: outcome.validators,
        warnings,
        movedTo: outcome.movedPermanentlyTo,
      },
      matchDuplicate,
    );
  } catch (error) {
    // Thrown by the parser (while records streamed in, the store rolled back): the old events stand.
    if (!(error instanceof StreamedParseError)) throw error;
    return fail(deps, source, startedAt, error.failure, warnings);
  }
  const changedAnything = counts.new + counts.changed + counts.cancelled + counts.withdrawn > 0;
  return report(source, changedAnything || source.lastSuccessAt === null ? 'ok' : 'unchanged', {
    source: outcome.movedPermanentlyTo ?? source.location,
    name: source.name ?? parsed.title,
    format: parsed.format,
    counts,
    warnings,
    nextCheckAt: schedule.nextCheckAt,
    outsideWindow: outside.result(),
  });
}

/** How far back a labelled source's events are kept: a few years of a series teach its next edition. */
const LABELLED_HISTORY_MS = 3 * 366 * 86_400_000;

/** Labels resolve through the lexicon like interests do; one it does not know stands as a field of its own. */
function unknownLabels(topics: string[]): string[] {
  const lexicon = defaultLexicon();
  return topics
    .filter((topic) => !lexicon.knows(topic))
    .map((topic) => `topic "${topic}" is not in the topic lexicon: kept as a field of its own`);
}

/** Sources on one host share its limit, whatever their ports; each file is its own. */
function hostKey(location: string): string {
  try {
    return new URL(location).hostname || location;
  } catch {
    return location;
  }
}

async function ingestOrReport(deps: IngestDeps, spec: SourceSpec, options: IngestRunOptions): Promise<SourceReport> {
  try {
    return await ingestSource(deps, spec, options);
  } catch (error) {
    // Only a storage fault lands here; it is reported for this source and the run goes on.
    const message = error instanceof Error ? error.message.slice(0, 200) : 'unexpected error';
    return {
      source: spec.location,
      name: spec.name ?? null,
      status: 'error',
      format: null,
      error: { kind: 'parse', message: `not stored: ${message}` },
      counts: ZERO,
      warnings: [],
      nextCheckAt: null,
      outsideWindow: null,
    };
  }
}

/**
 * Ingests every source; one failing source never stops the others. At most `concurrency` at once,
 * and at most `perHost` on one host, so fifty slow feeds of one server cannot hold every slot while
 * the other hosts' sources wait their turn (Miniflux and FreshRSS limit per host too).
 */
export async function ingestSources(
  deps: IngestDeps,
  specs: SourceSpec[],
  options: IngestRunOptions,
): Promise<SourceReport[]> {
  const results: SourceReport[] = new Array(specs.length);
  const perHost = options.perHost ?? 2;
  const concurrency = options.concurrency ?? 4;
  // Below 1 (or NaN) no source could ever take a slot, and the run would wait forever.
  for (const [name, value] of [
    ['perHost', perHost],
    ['concurrency', concurrency],
  ] as const)
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`${name} must be a whole number >= 1, not ${value}`);
  // A source waits for a slot on its host before it queues for one of the run's: a host's waiting
  // sources never hold run slots that other hosts' sources could use.
  const run = pLimit(concurrency);
  const hostSlots = new Map<string, LimitFunction>();
  const slotOf = (host: string) => {
    const known = hostSlots.get(host);
    if (known) return known;
    const limit = pLimit(perHost);
    hostSlots.set(host, limit);
    return limit;
  };
  await Promise.all(
    specs.map((spec, index) =>
      slotOf(hostKey(spec.location))(() =>
        run(async () => {
          const result = await ingestOrReport(deps, spec, options);
          results[index] = result;
          options.onResult?.(result);
        }),
      ),
    ),
  );
  return results;
}
