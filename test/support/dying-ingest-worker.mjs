// An ingest worker that dies mid-ingest: it runs the real CLI bundle, and beside it a listener that
// ends the thread once the bundle has begun an ingest of a file named die-*. For ingest-thread tests only.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';

// After the bundle has its own listener: the first listener starts the port, and a message that came
// before the bundle's would be lost to it.
await import(pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'cli.mjs')).href);
parentPort.on('message', ({ spec }) => {
  // The bundle's listener ran first and its ingest is under way (it awaits the store and the file).
  if (/\/die-[^/]*$/.test(spec.location)) process.exit(7);
});
