/**
 * The app's one cache of answers derived per user (ranked picks and venues, their serialised bodies,
 * when a state was first ranked), keyed by `freshness()` (usecases/freshness.ts) so a key names every
 * input of its value: a changed input is a new key, and nothing is ever invalidated by hand. Bounded:
 * an implementation drops what it must (Node: least recently used); a miss only costs a ranking.
 * The runtime supplies it (runtime/lru-cache.ts on Node).
 */
export interface Cache {
  get<T>(key: string): T | undefined;
  set<T>(key: string, value: T, entry?: CacheEntry): void;
}

export interface CacheEntry {
  /**
   * Whose answer it is (a user id). An implementation may cap what one owner keeps, so that one key
   * holder asking for many distinct windows evicts their own answers rather than everyone's.
   */
  owner?: string;
}
