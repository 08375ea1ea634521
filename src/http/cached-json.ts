import type { Context } from 'hono';
import type { Freshness } from '../usecases/freshness.ts';
import type { AppEnv } from './app-env.ts';
import { etagMatches } from './conditional.ts';
import { acceptsGzip, gzip } from './gzip-body.ts';
import { requestHeader } from './request-header.ts';
import { strongEtags } from './strong-etag.ts';

/**
 * A ranked JSON answer as served: ranking is done ahead of the request, once per state of everything it
 * depends on (see freshness.ts), and served from the app's cache until one of those changes.
 */
interface CachedJson {
  /** Encoded once: turning an 18 KB string into bytes on every request halved the rate served. */
  body: Uint8Array<ArrayBuffer>;
  /**
   * The same body gzipped, also once. A warm picks request is bound by moving bytes over the socket,
   * not by computing (the server idled half the time under load), and picks JSON shrinks about 6x.
   */
  gzipped: Uint8Array<ArrayBuffer>;
  /** Strong validators of the body and of its gzip representation, computed once (RFC 9110 8.8.3). */
  etag: string;
  gzipEtag: string;
}

/**
 * When this state (profile, stored events and feedback, the hour) was first ranked for `what`: every
 * page and window of one state states the same generatedAt, so a body, and its ETag, changes only with
 * the ranking.
 */
export function rankedAt(c: Context<AppEnv>, fresh: Freshness, what: string, at: string): string {
  const { cache } = c.get('deps');
  const key = fresh.key('ranked-at', what);
  const known = cache.get<string>(key);
  if (known !== undefined) return known;
  cache.set(key, at, { owner: fresh.owner });
  return at;
}

/**
 * A user's ranked JSON (picks, venues) served from the cache under `entry.key` as `entry.owner`'s, built by `body` otherwise:
 * a strong ETag per representation, gzip when accepted, 304 to a matching If-None-Match. `body` states
 * generatedAt as rankedAt's (never the time of this call), so another page or window in between keeps
 * the ETag and only a new ranking changes it.
 */
export async function cachedJson(
  c: Context<AppEnv>,
  entry: { key: string; owner: string },
  body: () => Promise<string>,
): Promise<Response> {
  const { key, owner } = entry;
  const { cache } = c.get('deps');
  let cached = cache.get<CachedJson>(key);
  if (cached === undefined) {
    const text = await body();
    const bytes = new TextEncoder().encode(text);
    const [gzipped, etags] = await Promise.all([gzip(bytes), strongEtags(bytes, { etag: '', gzipEtag: '-gzip' })]);
    cached = { body: bytes, gzipped, ...etags };
    cache.set(key, cached, { owner });
  }
  const compressed = acceptsGzip(requestHeader(c, 'accept-encoding'));
  const etag = compressed ? cached.gzipEtag : cached.etag;
  c.header('etag', etag);
  c.header('vary', 'Accept-Encoding');
  if (etagMatches(requestHeader(c, 'if-none-match'), etag)) return c.body(null, 304);
  // The cached body is the route's declared JSON, already serialised; the typed c.json() would parse
  // and serialise it again on every hit, which is the cost the cache exists to avoid.
  return c.body(compressed ? cached.gzipped : cached.body, 200, {
    'content-type': 'application/json',
    ...(compressed ? { 'content-encoding': 'gzip' } : {}),
  });
}

/** A ranked page as parsed: the page and its window in ms, all that names its cached body. */
export interface RankedPage {
  limit: number;
  offset: number;
  fromMs: number | undefined;
  toMs: number | undefined;
}

/**
 * The link to the page after this one of a ranking asked for `offset + limit`, or null on the last page.
 * Built only from the parsed page, never the raw query: the body is cached under the parsed page, so
 * anything else the first asker sent would be served in every later answer.
 */
export function nextPage(path: string, page: RankedPage, full: boolean): string | null {
  if (!full) return null;
  const query = new URLSearchParams();
  if (page.fromMs !== undefined) query.set('from', new Date(page.fromMs).toISOString());
  if (page.toMs !== undefined) query.set('to', new Date(page.toMs).toISOString());
  query.set('limit', String(page.limit));
  query.set('offset', String(page.offset + page.limit));
  return `${path}?${query}`;
}
