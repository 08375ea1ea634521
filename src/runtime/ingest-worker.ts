import { parentPort, workerData } from 'node:worker_threads';
import { defaultWindow } from '../core/window.ts';
import { ingestSource } from '../usecases/ingest-sources.ts';
import { changedEvents } from '../usecases/refresh-derived.ts';
import type { IngestRequest, IngestResponse, IngestWorkerData } from './ingest-thread.ts';
import { createNodeDeps } from './node-deps.ts';
import { refreshDerivedAt } from './refresh-derived-at.ts';

/**
 * The worker side of `convene serve`'s ingest: parsing a 20,000-event calendar is synchronous
 * (ical.js, the XML parser) and would hold the server's event loop for seconds. Here it holds only
 * this thread; the worker writes through its own SQLite connection (WAL: the server keeps reading).
 */
export function answerIngestRequests(): void {
  const port = parentPort;
  if (!port) throw new Error('answerIngestRequests runs in a worker thread');
  const { db, allowPrivateNetwork } = workerData as IngestWorkerData;
  const deps = createNodeDeps(db, allowPrivateNetwork);
  port.on('message', async ({ id, spec }: IngestRequest) => {
    let response: IngestResponse;
    try {
      const report = await ingestSource(deps, spec, {
        window: defaultWindow(deps.clock.now()),
        force: true,
        parseBeforeWrite: true,
      });
      response = { id, report };
    } catch (error) {
      response = { id, error: error instanceof Error ? error.message.slice(0, 200) : 'ingest failed' };
    }
    port.postMessage(response);
    // After answering: the server's next picks or search then read what this thread rebuilt. A failed
    // rebuild leaves entries of the old stamp, which readers rebuild rather than serve.
    if ('report' in response && changedEvents([response.report]))
      await refreshDerivedAt(db, deps).catch(() => undefined);
  });
}
