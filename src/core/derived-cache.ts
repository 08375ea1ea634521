/**
 * Where data derived from stored events (a ranking catalog's events, a search index) is kept between
 * processes: a cold CLI run or a new serverless isolate reads it in one go instead of rebuilding it.
 * Every entry carries the store's events stamp it was built at; a reader uses it only when that stamp is
 * still the store's (see usecases/persisted-derived.ts), so it is a cache, never a second truth.
 */
export interface DerivedCacheEntry {
  stamp: string;
  bytes: Uint8Array;
}

export interface DerivedCacheStore {
  /**
   * The entry under `key`; with `stamp`, an entry at another stamp is a miss told without reading its
   * bytes (megabytes for a catalog), as a reader waiting for the entry of a new store state asks.
   */
  get(key: string, stamp?: string): Promise<DerivedCacheEntry | null>;
  /** Whether an entry is kept under `key`, without reading its bytes (megabytes for a catalog). */
  has(key: string): Promise<boolean>;
  /** Replaces the entry under `key` atomically: a reader sees the old bytes or the new, never a mix. */
  put(key: string, stamp: string, bytes: Uint8Array): Promise<void>;
}

/** D1 rows must stay under 2 MB: larger entries are stored as parts of at most this many bytes. */
export const DERIVED_CACHE_PART_BYTES = 1_900_000;
