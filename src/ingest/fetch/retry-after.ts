/** Retry-After is either delay-seconds or an HTTP-date (RFC 9110 10.2.3). */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function maxAgeSeconds(cacheControl: string | null): number | null {
  const match = cacheControl ? /max-age\s*=\s*(\d+)/i.exec(cacheControl) : null;
  return match ? Number(match[1]) : null;
}
