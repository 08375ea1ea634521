import { lookup } from 'node:dns/promises';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import type { Dispatcher } from 'undici';
import { systemClock } from '../core/clock.ts';
import { USER_AGENT } from '../core/config.ts';
import { failure } from '../core/errors.ts';
import type { ReadOutcome, SourceReader } from '../core/source-reader.ts';
import { createHttpReader, DEFAULT_FETCH_LIMITS } from '../ingest/fetch/bounded-fetch.ts';
import { openSqliteStore, type SqliteStoreOptions } from '../store/sqlite.ts';
import type { IngestDeps } from '../usecases/ingest-sources.ts';
import { nodeGazetteer } from './node-gazetteer.ts';

export function isHttpLocation(location: string): boolean {
  return /^(https?|webcal):\/\//i.test(location);
}

/** One spelling per source: absolute file paths, and webcal:// read as the https:// it stands for. */
export function normaliseLocation(location: string, cwd = process.cwd()): string {
  const trimmed = location.trim();
  if (/^webcal:\/\//i.test(trimmed)) return `https://${trimmed.slice('webcal://'.length)}`;
  if (isHttpLocation(trimmed)) return trimmed;
  if (/^file:\/\//i.test(trimmed)) return new URL(trimmed).pathname;
  return isAbsolute(trimmed) ? trimmed : resolve(cwd, trimmed);
}

async function readLocalFile(path: string): Promise<ReadOutcome> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return { kind: 'failed', failure: failure('network', 'not a file') };
    if (info.size > DEFAULT_FETCH_LIMITS.maxBytes)
      return { kind: 'failed', failure: failure('too_large', 'file exceeds 10 MiB') };
    const bytes = await readFile(path);
    // A view, not a copy: a 10 MB calendar's copy outlived the parse in the allocator (some 10 MB of peak RSS).
    const body = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return {
      kind: 'fetched',
      body,
      contentType: null,
      validators: { etag: null, lastModified: null },
      movedPermanentlyTo: null,
      maxAgeSeconds: null,
    };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return {
      kind: 'failed',
      failure: failure('network', code === 'ENOENT' ? 'file not found' : `cannot read file (${code})`),
    };
  }
}

type HostResolver = (hostname: string) => Promise<string[]>;

const resolveHost: HostResolver = async (hostname) => (await lookup(hostname, { all: true })).map((a) => a.address);

/**
 * Node's fetch through a dispatcher that checks the address it connects to (see guarded-dispatcher.ts);
 * undici is loaded with the first fetch, so commands that fetch nothing do not pay for it.
 */
function guardedFetch(resolve: HostResolver): typeof globalThis.fetch {
  let dispatcher: Promise<Dispatcher> | undefined;
  return async (input, init) => {
    dispatcher ??= import('./guarded-dispatcher.ts').then((m) => m.createGuardedDispatcher({ resolveHost: resolve }));
    return globalThis.fetch(input, { ...init, dispatcher: await dispatcher } as RequestInit);
  };
}

/** `resolver` replaces the system's DNS (tests play a rebinding server with it); both checks use it. */
export function createNodeReader(allowPrivateNetwork: boolean, resolver: HostResolver = resolveHost): SourceReader {
  const readHttp = createHttpReader({
    fetch: allowPrivateNetwork ? globalThis.fetch : guardedFetch(resolver),
    resolveHost: resolver,
    allowPrivateNetwork,
    userAgent: USER_AGENT,
  });
  return {
    read: (location, validators) =>
      isHttpLocation(location) ? readHttp(location, validators) : readLocalFile(location),
  };
}

export function createNodeDeps(
  dbPath: string,
  allowPrivateNetwork: boolean,
  storeOptions: SqliteStoreOptions = {},
): IngestDeps {
  return {
    store: openSqliteStore(dbPath, storeOptions),
    reader: createNodeReader(allowPrivateNetwork),
    clock: systemClock,
    geocoder: nodeGazetteer,
  };
}
