import type { Cache } from '../core/cache.ts';
import type { Clock } from '../core/clock.ts';
import type { DerivedCacheStore } from '../core/derived-cache.ts';
import type { EventStore } from '../core/event-store.ts';
import type { Geocoder } from '../core/geocoder.ts';
import type { SourceSpec } from '../core/source.ts';
import type { User } from '../core/user.ts';
import type { SourceReport } from '../usecases/ingest-sources.ts';
import type { RateLimiter } from './rate-limit.ts';

export interface AppDeps {
  store: EventStore;
  clock: Clock;
  /** The one cache of per-user answers (picks, venues, pages, feeds), keyed by freshness(); the runtime's. */
  cache: Cache;
  /** SHA-256 (hex) of the admin API key; without it, admin routes refuse every request. */
  adminKeyHash?: string | null;
  /** Fetches and stores one source now (the runtime wires the fetcher and window). */
  ingest?: (spec: SourceSpec) => Promise<SourceReport>;
  /** Places named in text onto the map, for distances (Node loads a gazetteer; without one, names are compared). */
  geocoder?: () => Promise<Geocoder>;
  /** Ranking catalogs kept between processes (see core/derived-cache.ts); without it, each process builds its own. */
  derived?: DerivedCacheStore;
  /** Requests allowed per key or address in each window; tests and the runtime choose. */
  rateLimiter?: RateLimiter;
  /**
   * One request header (lower-case name) by the runtime's cheap path; without it, the Web Request's
   * headers are read (see request-header.ts).
   */
  requestHeader?: (request: Request, env: unknown, name: string) => string | undefined;
  /** The client's address, as the runtime knows it (the socket on Node, cf-connecting-ip on Workers). */
  clientAddress?: (request: Request, env: unknown) => string | undefined;
  /**
   * The user `convene start` serves from a profile file (the demo): `/` leads to their page and
   * `/v1/picks` answers with their picks without a key. Only for a server bound to loopback.
   */
  home?: { userId: string; pagePath: string };
}

/** Read variables with `c.get(name)`: Hono's `c.var` builds a new object of all of them on every access. */
export interface AppEnv {
  Variables: { deps: AppDeps; user: User; tokenHash: string | null };
}
