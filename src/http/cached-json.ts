import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';
import { etagMatches } from './conditional.ts';
import { acceptsGzip, gzip } from './gzip-body.ts';
import type { PicksCache } from './picks-cache.ts';
import { requestHeader } from './request-header.ts';
import { strongEtag } from './strong-etag.ts';

/**
 * A user's ranked JSON (picks, venues) served from the cache while its fingerprint stands, built by
 * `body` otherwise: a strong ETag per representation, gzip when accepted, 304 to a matching
 * If-None-Match. `body` states generatedAt as the cache's rankedAt for the state (never the time of this
 * call), so another page or window in between keeps the ETag and only a new ranking changes it.
 */
export async function cachedJson(
  c: Context<AppEnv>,
  cache: PicksCache,
  fingerprint: string,
  body: () => Promise<string>,
): Promise<Response> {
  const userId = c.get('user').id;
  let cached = cache.get(userId, fingerprint);
  if (cached === undefined) {
    const text = await body();
    const bytes = new TextEncoder().encode(text);
    cached = { body: bytes, gzipped: await gzip(bytes), etag: strongEtag(text), gzipEtag: strongEtag(text, '-gzip') };
    cache.set(userId, fingerprint, cached);
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

/** The link to the page after this one of a ranking asked for `offset + limit`, or null on the last page. */
export function nextPage(c: Context<AppEnv>, path: string, query: { offset: number; limit: number }, full: boolean) {
  return full
    ? `${path}?${new URLSearchParams({ ...c.req.query(), offset: String(query.offset + query.limit) })}`
    : null;
}
