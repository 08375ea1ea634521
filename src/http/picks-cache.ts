/**
 * Ranking is done ahead of the request: a user's picks are computed once per state of everything they
 * depend on (profile, stored events and feedback, the query, the hour), and served from memory until
 * one of those changes. The hour bounds how stale "upcoming" can get.
 */
export interface CachedPicks {
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

export interface PicksCache {
  get(userId: string, fingerprint: string): CachedPicks | undefined;
  set(userId: string, fingerprint: string, picks: CachedPicks): void;
  /**
   * When this state (profile, stored events and feedback, the hour) was first ranked: every page and
   * window of one state states the same generatedAt, so a body, and its ETag, changes only with the picks.
   */
  rankedAt(userId: string, state: string, at: string): string;
}

const MAX_USERS = 10_000;

export function createPicksCache(): PicksCache {
  const entries = new Map<string, { fingerprint: string; picks: CachedPicks }>();
  const ranked = new Map<string, { state: string; at: string }>();
  return {
    get(userId, fingerprint) {
      const entry = entries.get(userId);
      return entry?.fingerprint === fingerprint ? entry.picks : undefined;
    },
    set(userId, fingerprint, picks) {
      if (entries.size >= MAX_USERS && !entries.has(userId)) entries.delete(entries.keys().next().value!);
      entries.set(userId, { fingerprint, picks });
    },
    rankedAt(userId, state, at) {
      const known = ranked.get(userId);
      if (known?.state === state) return known.at;
      if (ranked.size >= MAX_USERS && !ranked.has(userId)) ranked.delete(ranked.keys().next().value!);
      ranked.set(userId, { state, at });
      return at;
    },
  };
}
