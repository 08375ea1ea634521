import type {
  D1Database,
  ExecutionContext,
  MessageBatch,
  Queue,
  RateLimit,
  ScheduledController,
} from '@cloudflare/workers-types/index.ts';
import { z } from 'zod';
import { systemClock } from '../core/clock.ts';
import { EnvConfigSchema } from '../core/config.ts';
import type { DerivedCacheStore } from '../core/derived-cache.ts';
import type { EventStore } from '../core/event-store.ts';
import { sha256Hex } from '../core/sha256.ts';
import { defaultWindow } from '../core/window.ts';
import { createApp } from '../http/app.ts';
import type { RateLimiter } from '../http/rate-limit.ts';
import { openD1DerivedCache, openD1Store } from '../store/d1.ts';
import type { D1DriverOptions, D1Usage } from '../store/d1-driver.ts';
import { dueSources } from '../usecases/due-sources.ts';
import { type IngestDeps, ingestSource, type SourceReport } from '../usecases/ingest-sources.ts';
import { refreshDerived } from '../usecases/refresh-derived.ts';
import { createLruCache } from './lru-cache.ts';
import { retryDelay, transient } from './queue-retry.ts';
import { createWorkersReader } from './workers-reader.ts';

export interface WorkerEnv {
  DB: D1Database;
  INGEST_QUEUE: Queue<IngestMessage>;
  RATE_LIMITER?: RateLimit;
  CONVENE_ADMIN_KEY?: string;
  /** Dev and tests only (`--var CONVENE_ALLOW_PRIVATE_NETWORK:1`): lets sources on 127.0.0.1 be fetched. */
  CONVENE_ALLOW_PRIVATE_NETWORK?: string;
  /** Seconds before a failed message is delivered again (default 60; tests use 0). */
  CONVENE_RETRY_DELAY_SECONDS?: string;
  /** `1`: log the D1 queries, rows read and rows written of each request and message (scripts/worker-bench.ts). */
  CONVENE_LOG_D1_USAGE?: string;
}

/** One source per message: the consumer looks the source up again, so a removed one is simply dropped. */
const IngestMessageSchema = z.object({ sourceId: z.string().min(1), location: z.string().min(1) });
export type IngestMessage = z.infer<typeof IngestMessageSchema>;

/**
 * The Worker's variables, checked as `convene serve` checks its environment. The admin key is a secret
 * (`wrangler secret put CONVENE_ADMIN_KEY`); without one every admin route refuses.
 */
const WorkerConfigSchema = z.object({
  CONVENE_ADMIN_KEY: z.string().min(1).optional(),
  CONVENE_ALLOW_PRIVATE_NETWORK: EnvConfigSchema.shape.CONVENE_ALLOW_PRIVATE_NETWORK,
  CONVENE_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).max(43_200).default(60),
  CONVENE_LOG_D1_USAGE: EnvConfigSchema.shape.CONVENE_ALLOW_PRIVATE_NETWORK,
});

function config(env: WorkerEnv) {
  return WorkerConfigSchema.parse({
    CONVENE_ADMIN_KEY: env.CONVENE_ADMIN_KEY,
    CONVENE_ALLOW_PRIVATE_NETWORK: env.CONVENE_ALLOW_PRIVATE_NETWORK,
    CONVENE_RETRY_DELAY_SECONDS: env.CONVENE_RETRY_DELAY_SECONDS,
    CONVENE_LOG_D1_USAGE: env.CONVENE_LOG_D1_USAGE,
  });
}

/** The Workers binding behind the app's limiter port: 600 a minute per key or address, counted by Cloudflare. */
function bindingRateLimiter(binding: RateLimit): RateLimiter {
  return {
    async take(key) {
      const { success } = await binding.limit({ key });
      return success ? null : 60_000;
    },
  };
}

/** One isolate serves many requests: the store, app and reader are built on its first event, then reused. */
interface Isolate {
  store: EventStore;
  retryDelaySeconds: number;
  /** Counted only when CONVENE_LOG_D1_USAGE is set; one event at a time is what the log reads right. */
  usage: D1Usage | null;
  ingestDeps: IngestDeps;
  derived: DerivedCacheStore;
  app: ReturnType<typeof createApp>;
}
let isolate: Isolate | undefined;
let isolateEnv: WorkerEnv | undefined;

function isolateFor(env: WorkerEnv): Isolate {
  if (isolate && isolateEnv === env) return isolate;
  const settings = config(env);
  const usage: D1Usage | null = settings.CONVENE_LOG_D1_USAGE ? { queries: 0, rowsRead: 0, rowsWritten: 0 } : null;
  const d1Options: D1DriverOptions = usage
    ? {
        onMeta: (meta) => {
          usage.queries++;
          usage.rowsRead += meta.rows_read;
          usage.rowsWritten += meta.rows_written;
        },
      }
    : {};
  const store = openD1Store(env.DB, d1Options);
  const ingestDeps: IngestDeps = {
    store,
    reader: createWorkersReader(settings.CONVENE_ALLOW_PRIVATE_NETWORK),
    clock: systemClock,
  };
  const derived = openD1DerivedCache(env.DB, d1Options);
  const app = createApp({
    store,
    clock: systemClock,
    // An isolate's memory is 128 MB: a small per-isolate cache; what every isolate shares is in D1.
    cache: createLruCache(2_000, { maxBytes: 24 * 1024 * 1024, maxEntriesPerOwner: 16 }),
    derived,
    adminKeyHash: settings.CONVENE_ADMIN_KEY ? sha256Hex(settings.CONVENE_ADMIN_KEY) : null,
    ...(env.RATE_LIMITER ? { rateLimiter: bindingRateLimiter(env.RATE_LIMITER) } : {}),
    clientAddress: (request) => request.headers.get('cf-connecting-ip') ?? undefined,
    // Asked for by the admin route that ingests one source now: it runs in the request.
    ingest: (spec) =>
      ingestSource(ingestDeps, spec, { window: defaultWindow(systemClock.now()), force: true, parseBeforeWrite: true }),
  });
  isolate = { store, ingestDeps, derived, app, usage, retryDelaySeconds: settings.CONVENE_RETRY_DELAY_SECONDS };
  isolateEnv = env;
  return isolate;
}

/** Stores one source's fresh events; a transient failure is recorded on the source and the message retried. */
async function ingestMessage(deps: IngestDeps, message: IngestMessage): Promise<SourceReport | null> {
  const source = await deps.store.getSourceById(message.sourceId);
  if (!source) return null;
  // The scheduler found it due when it sent the message; a retry must not be refused by the back-off it recorded.
  return ingestSource(
    deps,
    { location: source.location },
    { window: defaultWindow(deps.clock.now()), force: true, parseBeforeWrite: true },
  );
}

/**
 * The app gzips cached JSON itself (http/cached-json.ts); workerd compresses a body whose Content-Encoding
 * says gzip a second time unless told that it is encoded already.
 */
function encodedAsIs(response: Response): Response {
  if (!response.body || !response.headers.has('content-encoding')) return response;
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    encodeBody: 'manual',
  } as ResponseInit);
}

/** Runs `work` and logs the D1 use it caused, when asked to count. */
async function counted<T>(current: Isolate, what: string, work: () => Promise<T>): Promise<T> {
  const usage = current.usage;
  if (!usage) return work();
  const before = { ...usage };
  try {
    return await work();
  } finally {
    console.log(
      `convene-d1 ${what} queries=${usage.queries - before.queries} rowsRead=${usage.rowsRead - before.rowsRead} rowsWritten=${usage.rowsWritten - before.rowsWritten}`,
    );
  }
}

export default {
  async fetch(request: Request, env: WorkerEnv, context: ExecutionContext): Promise<Response> {
    const current = isolateFor(env);
    if (!current.usage) return encodedAsIs(await current.app.fetch(request, env, context as never));
    const path = new URL(request.url).pathname.replace(/^\/(u|cal|feed)\/[^/.]+/, '/$1/[token]');
    return counted(current, `${request.method} ${path}`, async () =>
      encodedAsIs(await current.app.fetch(request, env, context as never)),
    );
  },

  /** Enqueues each source that is due now: one message per source, sent in batches of up to 100. */
  async scheduled(controller: ScheduledController, env: WorkerEnv): Promise<void> {
    const { store } = isolateFor(env);
    const due = dueSources(await store.listSources(), controller.scheduledTime);
    for (let at = 0; at < due.length; at += 100) {
      await env.INGEST_QUEUE.sendBatch(
        due.slice(at, at + 100).map((source) => ({ body: { sourceId: source.id, location: source.location } })),
      );
    }
    console.log(`convene: ${due.length} source(s) due, enqueued`);
  },

  async queue(batch: MessageBatch<unknown>, env: WorkerEnv): Promise<void> {
    const current = isolateFor(env);
    const { ingestDeps, retryDelaySeconds } = current;
    // The events stamp, compared around the batch (not the counts: a feed's run moves it with its listed
    // dates), so the kept derived data never lag behind what the requests' stamp asks for.
    const stampBefore = await current.store.eventsStamp();
    for (const message of batch.messages) {
      const parsed = IngestMessageSchema.safeParse(message.body);
      if (!parsed.success) {
        console.error(`convene: dropped a queue message that is not a source: ${parsed.error.issues[0]?.message}`);
        message.ack();
        continue;
      }
      try {
        const report = await counted(current, `queue ${parsed.data.location}`, () =>
          ingestMessage(ingestDeps, parsed.data),
        );
        const error = report?.error;
        if (error && transient(error)) {
          console.error(`convene: ${parsed.data.location}: ${error.message} (attempt ${message.attempts})`);
          message.retry({ delaySeconds: retryDelay(error, retryDelaySeconds) });
        } else {
          console.log(`convene: ${parsed.data.location}: ${report?.status ?? 'removed'}`);
          message.ack();
        }
      } catch (error) {
        // A storage fault: the source's previous events stand (the write is one batch); try again later.
        console.error(`convene: ${parsed.data.location} not stored: ${error instanceof Error ? error.message : error}`);
        message.retry({ delaySeconds: retryDelaySeconds });
      }
    }
    if ((await current.store.eventsStamp()) !== stampBefore) await refreshAfterIngest(current);
  },
};

/**
 * The ranking catalog and search index rebuilt for the new state of the store and kept in D1, once per
 * batch of messages: requests then read them, since a cold isolate's request may not build a catalog of
 * every event. The ingests are stored either way; a refresh that fails leaves the next request to build.
 */
async function refreshAfterIngest(current: Isolate): Promise<void> {
  try {
    await counted(current, 'queue refresh-derived', () =>
      refreshDerived({ store: current.store, derived: current.derived, clock: systemClock }, { unbuiltToo: true }),
    );
  } catch (error) {
    console.error(`convene: derived data not refreshed: ${error instanceof Error ? error.message : error}`);
  }
}
