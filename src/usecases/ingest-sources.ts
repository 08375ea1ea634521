import type { Clock } from '../core/clock.ts';
import { type FailureKind, failure, SourceError, type SourceFailure } from '../core/errors.ts';
import type { EventStore, IngestCounts } from '../core/event-store.ts';
import type { Source, SourceSpec } from '../core/source.ts';
import type { SourceReader } from '../core/source-reader.ts';
import type { TimeWindow } from '../core/window.ts';
import { matchDuplicate } from '../ingest/dedupe.ts';
import { parseSourceBytes } from '../ingest/parse-source.ts';
import { afterFailure, afterSuccess } from '../ingest/schedule.ts';
import { validRecords } from '../ingest/validate-records.ts';
import { type OutsideWindow, outsideWindowTally } from './outside-window.ts';

export interface IngestDeps {
  store: EventStore;
  reader: SourceReader;
  clock: Clock;
}

export interface IngestRunOptions {
  window: TimeWindow;
  /** Fetch even a source that is backing off or disabled. */
  force: boolean;
  concurrency?: number;
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
  const schedule = afterFailure(at, source.failureCount, problem);
  await deps.store.saveFailure(source.id, new Date(at).toISOString(), schedule, problem);
  return report(source, 'error', {
    error: { kind: problem.kind, message: problem.message },
    nextCheckAt: schedule.nextCheckAt,
    warnings,
  });
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

  const outcome = await deps.reader.read(source.location, { etag: source.etag, lastModified: source.lastModified });
  if (outcome.kind === 'failed') return fail(deps, source, startedAt, outcome.failure);
  if (outcome.kind === 'not_modified') {
    const schedule = afterSuccess(startedAt, source.refreshMinutes, null);
    await deps.store.saveUnchanged(source.id, new Date(startedAt).toISOString(), schedule, outcome.validators);
    return report(source, 'unchanged', { nextCheckAt: schedule.nextCheckAt });
  }

  let parsed: Awaited<ReturnType<typeof parseSourceBytes>>;
  const outside = outsideWindowTally(options.window);
  try {
    parsed = await parseSourceBytes(outcome.body, outcome.contentType, {
      window: options.window,
      nowMs: startedAt,
      kind: source.kind,
      topics: source.topics,
      onOutsideWindow: outside.note,
    });
  } catch (error) {
    const problem =
      error instanceof SourceError ? failure(error.kind, error.message) : failure('parse', 'unreadable source');
    return fail(deps, source, startedAt, problem);
  }
  // The same array the parser appends to while its records stream into the store.
  const warnings = parsed.warnings;
  const records = validRecords(markParseErrors(parsed.records, parsed.format), warnings);
  const publisherMinutes = Math.max(parsed.refreshMinutes ?? 0, Math.round((outcome.maxAgeSeconds ?? 0) / 60)) || null;
  const schedule = afterSuccess(startedAt, source.refreshMinutes, publisherMinutes);
  let counts: IngestCounts;
  try {
    counts = await deps.store.saveIngest(
      source.id,
      records,
      {
        ...schedule,
        at: new Date(startedAt).toISOString(),
        window: options.window,
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
    // Thrown by the parser while records streamed in: the store rolled back, the old events stand.
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

/** Ingests every source; one failing source never stops the others. */
export async function ingestSources(
  deps: IngestDeps,
  specs: SourceSpec[],
  options: IngestRunOptions,
): Promise<SourceReport[]> {
  const results: SourceReport[] = new Array(specs.length);
  let next = 0;
  const worker = async () => {
    while (next < specs.length) {
      const index = next++;
      const spec = specs[index]!;
      let result: SourceReport;
      try {
        result = await ingestSource(deps, spec, options);
      } catch (error) {
        // Only a storage fault lands here; it is reported for this source and the run goes on.
        const message = error instanceof Error ? error.message.slice(0, 200) : 'unexpected error';
        result = {
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
      results[index] = result;
      options.onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, specs.length) }, worker));
  return results;
}
