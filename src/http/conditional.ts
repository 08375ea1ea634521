import type { Context } from 'hono';

/**
 * Answers a GET with a body and its validators, or with 304 when the client already has it
 * (If-None-Match first, If-Modified-Since only without it: RFC 9110 13.2.2).
 */
export async function conditionalBody(
  c: Context,
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
  const ifNoneMatch = c.req.header('if-none-match');
  const ifModifiedSince = c.req.header('if-modified-since');
  const fresh = ifNoneMatch
    ? ifNoneMatch.split(/\s*,\s*/).some((tag) => tag === etag || tag === `W/${etag}` || tag === '*')
    : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= modified.getTime();
  if (fresh) return c.body(null, 304, headers);
  return c.body(body, 200, { ...headers, 'content-type': contentType });
}
