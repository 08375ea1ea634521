import { failure, type SourceFailure } from '../../core/errors.ts';
import { checkHostAddresses, PRIVATE_ADDRESS_CODE, UNRESOLVED_HOST_CODE } from '../../core/private-address.ts';
import type { ReadOutcome, Validators } from '../../core/source-reader.ts';
import { maxAgeSeconds, retryAfterMs } from './retry-after.ts';

export interface FetchLimits {
  /** Until the response headers arrive (connect, TLS, server think time). */
  headerTimeoutMs: number;
  /** The whole exchange, body included: a server trickling one byte a second still ends here. */
  totalTimeoutMs: number;
  /** Counted on decoded bytes, so a gzip bomb stops at the cap, not at its compressed size. */
  maxBytes: number;
  maxRedirects: number;
}

/** Miniflux's defaults, a little tighter on size: event sources are small. */
export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  headerTimeoutMs: 10_000,
  totalTimeoutMs: 20_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
};

export interface FetcherDeps {
  fetch: typeof globalThis.fetch;
  /** Every address a host name resolves to; the guard refuses the host if any one is private. */
  resolveHost: (hostname: string) => Promise<string[]>;
  allowPrivateNetwork: boolean;
  /** How long one DNS lookup may take (default DEFAULT_DNS_TIMEOUT_MS). */
  dnsTimeoutMs?: number;
  userAgent: string;
  limits?: Partial<FetchLimits>;
  now?: () => number;
}

class Abort extends Error {
  constructor(readonly failure: SourceFailure) {
    super(failure.message);
  }
}

async function guard(url: URL, deps: FetcherDeps): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Abort(failure('blocked', `scheme ${url.protocol} is not fetched`));
  if (url.username || url.password) throw new Abort(failure('blocked', 'URLs with credentials are not fetched'));
  if (deps.allowPrivateNetwork) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const checked = await checkHostAddresses(host, deps.resolveHost, { dnsTimeoutMs: deps.dnsTimeoutMs });
  if (checked.kind === 'unresolved') throw new Abort(failure('network', checked.message));
  if (checked.kind === 'private')
    throw new Abort(
      failure('blocked', `${host} is a private or loopback address (allow with --allow-private-network)`),
    );
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new Abort(failure('too_large', `body exceeds ${Math.round(maxBytes / 1024 / 1024)} MiB`));
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function classify(error: unknown, timedOut: 'header' | 'total' | null, limits: FetchLimits): SourceFailure {
  if (error instanceof Abort) return error.failure;
  if (timedOut === 'header') return failure('timeout', `no response headers within ${limits.headerTimeoutMs / 1000} s`);
  if (timedOut === 'total') return failure('timeout', `not complete within ${limits.totalTimeoutMs / 1000} s`);
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error instanceof Error ? error.name : 'error');
  // The runtime's connect step found the address it was about to connect to private (DNS rebinding).
  if (code === PRIVATE_ADDRESS_CODE) return failure('blocked', 'the address connected to is private or loopback');
  if (code === UNRESOLVED_HOST_CODE) return failure('network', cause?.message ?? 'the host does not resolve');
  return failure('network', `connection failed (${code})`);
}

/**
 * Conditional GET with every hop checked. Redirects are followed by hand because fetch's own
 * following would reach a private address before anyone could look at it.
 */
export function createHttpReader(deps: FetcherDeps) {
  const limits = { ...DEFAULT_FETCH_LIMITS, ...deps.limits };
  const now = deps.now ?? Date.now;
  return async function readHttp(location: string, validators: Validators): Promise<ReadOutcome> {
    const controller = new AbortController();
    let timedOut: 'header' | 'total' | null = null;
    const totalTimer = setTimeout(() => {
      timedOut ??= 'total';
      controller.abort();
    }, limits.totalTimeoutMs);
    let headerTimer: ReturnType<typeof setTimeout> | undefined;
    try {
      let url = new URL(location);
      let permanent = true;
      for (let hop = 0; ; hop++) {
        await guard(url, deps);
        const headers: Record<string, string> = {
          'user-agent': deps.userAgent,
          accept:
            'text/calendar, application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, */*;q=0.5',
        };
        if (validators.etag) headers['if-none-match'] = validators.etag;
        if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
        headerTimer = setTimeout(() => {
          timedOut ??= 'header';
          controller.abort();
        }, limits.headerTimeoutMs);
        const response = await deps.fetch(url, { redirect: 'manual', signal: controller.signal, headers });
        clearTimeout(headerTimer);
        const locationHeader = response.headers.get('location');
        if (response.status >= 300 && response.status < 400 && response.status !== 304 && locationHeader) {
          await response.body?.cancel().catch(() => {});
          if (hop >= limits.maxRedirects)
            return { kind: 'failed', failure: failure('http', `more than ${limits.maxRedirects} redirects`) };
          permanent &&= response.status === 301 || response.status === 308;
          url = new URL(locationHeader, url);
          continue;
        }
        if (response.status === 304) {
          await response.body?.cancel().catch(() => {});
          return { kind: 'not_modified', validators };
        }
        if (!response.ok) {
          await response.body?.cancel().catch(() => {});
          const retry = retryAfterMs(response.headers.get('retry-after'), now());
          return {
            kind: 'failed',
            failure: failure('http', `HTTP ${response.status}`, {
              status: response.status,
              ...(retry !== undefined ? { retryAfterMs: retry } : {}),
            }),
          };
        }
        const body = await readCapped(response, limits.maxBytes);
        return {
          kind: 'fetched',
          body,
          contentType: response.headers.get('content-type'),
          validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
          movedPermanentlyTo: hop > 0 && permanent && url.toString() !== location ? url.toString() : null,
          maxAgeSeconds: maxAgeSeconds(response.headers.get('cache-control')),
        };
      }
    } catch (error) {
      controller.abort();
      return { kind: 'failed', failure: classify(error, timedOut, limits) };
    } finally {
      clearTimeout(totalTimer);
      clearTimeout(headerTimer);
    }
  };
}
