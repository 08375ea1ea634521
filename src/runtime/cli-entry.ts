import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { main } from './cli.ts';

// The same bundle serves as `convene serve`'s ingest worker (ingest-thread.ts): this file, bundled, is
// its entry, wherever it was started from (process.argv[1] may be a wrapper such as bin/convene.js).
if (isMainThread) await main(process.argv, fileURLToPath(import.meta.url));
else (await import('./ingest-worker.ts')).answerIngestRequests();
