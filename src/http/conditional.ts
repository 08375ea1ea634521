import type { Context } from 'hono';
import type { AppEnv } from './app-env.ts';
import { requestHeader } from './request-header.ts';

/** Whether an If-None-Match header names this entity tag (weak comparison, RFC 9110 13.1.2). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(/\s*,\s*/).some((tag) => tag === etag || tag === `W/${etag}` || tag === '*');
}

/**
 * Answers a GET with a body and its validators, or with 304 when the client already has it
 * (If-None-Match first, If-Modified-Since only without it: RFC 9110 13.2.2).
 */
export async function conditionalBody(
  c: Context<AppEnv>,
  body: string,
  contentType: string,
  lastModified: string,
  etag: string,
): Promise<Response> {
  const modified = new Date(Math.floor(Date.parse(lastModified) / 1000) * 1000);
  const headers: Record<string, string> = {
    etag,
    'last-modified': modified.toUTCString(),
    // Private to whoever holds the token; revalidation is cheap with the validators.
    'cache-control': 'private, no-cache',
  };
  const ifNoneMatch = requestHeader(c, 'if-none-match');
  const ifModifiedSince = requestHeader(c, 'if-modified-since');
  const fresh = ifNoneMatch
    ? etagMatches(ifNoneMatch, etag)
    : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= modified.getTime();
  if (fresh) return c.body(null, 304, headers);
  return c.body(body, 200, { ...headers, 'content-type': contentType });
}
