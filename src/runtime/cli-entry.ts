import { isMainThread } from 'node:worker_threads';
import { main } from './cli.ts';

// The same bundle serves as `convene serve`'s ingest worker (ingest-thread.ts).
if (isMainThread) await main(process.argv);
else (await import('./ingest-worker.ts')).answerIngestRequests();
