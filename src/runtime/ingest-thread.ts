import { Worker } from 'node:worker_threads';
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

/**
 * Ingests on a worker thread (see ingest-worker.ts) so the server's event loop stays free. `entry`
 * is the script the worker runs: the CLI bundle, which answers ingest requests when it is not the
 * main thread. A worker that dies fails what it was doing; the next ingest starts a new one.
 */
export function createIngestThread(entry: string, data: IngestWorkerData) {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (r: SourceReport) => void; reject: (e: Error) => void }>();

  const start = (): Worker => {
    const started = new Worker(entry, { workerData: data });
    started.on('message', (response: IngestResponse) => {
      const waiting = pending.get(response.id);
      pending.delete(response.id);
      if ('report' in response) waiting?.resolve(response.report);
      else waiting?.reject(new Error(response.error));
    });
    const fail = (error: Error) => {
      if (worker === started) worker = null;
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`ingest worker exited (${code})`)));
    return started;
  };

  // Started now, not with the first ingest: loading the bundle in the worker then costs nothing later.
  worker = start();
  return {
    ingest(spec: SourceSpec): Promise<SourceReport> {
      worker ??= start();
      const id = nextId++;
      const sent = worker;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        sent.postMessage({ id, spec } satisfies IngestRequest);
      });
    },
    close: async (): Promise<void> => {
      await worker?.terminate();
    },
  };
}
