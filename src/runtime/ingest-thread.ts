import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { FailureKind } from '../core/errors.ts';
import type { SourceSpec } from '../core/source.ts';
import type { SourceReport } from '../usecases/ingest-sources.ts';

export interface IngestWorkerData {
  db: string;
  allowPrivateNetwork: boolean;
}
export interface IngestRequest {
  id: number;
  spec: SourceSpec;
}
export type IngestResponse = { id: number; report: SourceReport } | { id: number; error: string };

export interface IngestThreadOptions {
  /** An ingest still running after this long has its worker terminated (and restarted for the next one). */
  deadlineMs?: number;
  /** The worker's own heap limits: a source that exhausts them kills the worker, not the server. */
  resourceLimits?: ResourceLimits;
  /** Records on the source why an ingest ended without a report (deadline, worker died). */
  recordFailure?: (spec: SourceSpec, problem: { kind: FailureKind; message: string }) => Promise<void>;
}

/** Two minutes: the largest calendar the fetcher accepts (10 MiB) parses and stores in well under that. */
const DEFAULT_DEADLINE_MS = 120_000;
const DEFAULT_RESOURCE_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 1024 };

export class IngestThreadError extends Error {
  override name = 'IngestThreadError';
  constructor(
    message: string,
    /** As stored on the source: `timeout` for the deadline, `parse` for a worker that died reading it. */
    readonly kind: FailureKind = 'parse',
  ) {
    super(message);
  }
}

interface Running {
  worker: Worker;
  /** Fails every pending ingest with `error` (recorded on each source) and ends the worker. */
  fail: (error: IngestThreadError) => void;
}

interface Pending {
  spec: SourceSpec;
  resolve: (r: SourceReport) => void;
  reject: (e: Error) => void;
}

/**
 * Ingests on a worker thread (see ingest-worker.ts) so the server's event loop stays free. `entry`
 * is the script the worker runs: the CLI bundle, which answers ingest requests when it is not the
 * main thread. A worker that dies or overruns the deadline fails what it was doing; the next ingest
 * starts a new one. Ingests of one source share one run: a second request joins the first.
 */
export function createIngestThread(entry: string, data: IngestWorkerData, options: IngestThreadOptions = {}) {
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  let current: Running | null = null;
  let closed = false;
  let nextId = 0;
  const pending = new Map<number, Pending>();
  const inFlight = new Map<string, Promise<SourceReport>>();

  const start = (): Running => {
    const started = new Worker(entry, {
      workerData: data,
      resourceLimits: options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS,
    });
    started.on('message', (response: IngestResponse) => {
      const waiting = pending.get(response.id);
      pending.delete(response.id);
      if ('report' in response) waiting?.resolve(response.report);
      else waiting?.reject(new IngestThreadError(response.error));
    });
    const running: Running = {
      worker: started,
      // The first cause wins: a terminated worker's exit follows the deadline that terminated it.
      fail: (error: IngestThreadError) => {
        if (current !== running) return;
        current = null;
        const stranded = [...pending.values()];
        pending.clear();
        for (const waiting of stranded) {
          const message = `${error.message}; the previous events of ${waiting.spec.location} are kept`;
          void (
            options.recordFailure?.(waiting.spec, { kind: error.kind, message: error.message }) ?? Promise.resolve()
          )
            .catch(() => {})
            .then(() => waiting.reject(new IngestThreadError(message, error.kind)));
        }
        void started.terminate();
      },
    };
    started.on('error', (error) =>
      running.fail(new IngestThreadError(`ingest worker failed (${error.message.slice(0, 120)})`)),
    );
    started.on('exit', (code) => running.fail(new IngestThreadError(`ingest worker exited (code ${code})`)));
    return running;
  };

  const run = (spec: SourceSpec): Promise<SourceReport> => {
    current ??= start();
    const id = nextId++;
    const sent = current;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        // The worker may be deep in a synchronous parse: only terminating it stops that.
        if (pending.has(id))
          sent.fail(
            new IngestThreadError(`ingest stopped after the ${Math.round(deadlineMs / 1000)} s deadline`, 'timeout'),
          );
      }, deadlineMs);
      timer.unref();
      const settle =
        <T>(then: (value: T) => void) =>
        (value: T) => {
          clearTimeout(timer);
          then(value);
        };
      pending.set(id, { spec, resolve: settle(resolve), reject: settle(reject) });
      sent.worker.postMessage({ id, spec } satisfies IngestRequest);
    });
  };

  // Started now, not with the first ingest: loading the bundle in the worker then costs nothing later.
  current = start();
  return {
    ingest(spec: SourceSpec): Promise<SourceReport> {
      if (closed) return Promise.reject(new IngestThreadError('the ingest worker is closed'));
      const running = inFlight.get(spec.location);
      if (running) return running;
      const ingest = run(spec).finally(() => inFlight.delete(spec.location));
      inFlight.set(spec.location, ingest);
      return ingest;
    },
    close: async (): Promise<void> => {
      closed = true;
      const stopping = current;
      stopping?.fail(new IngestThreadError('the ingest worker was closed'));
      await stopping?.worker.terminate();
    },
  };
}
