import { openSqliteDerivedCache } from '../store/sqlite-derived-cache.ts';
import { refreshDerived } from '../usecases/refresh-derived.ts';

/** The derived data later commands read (see refreshDerived), rebuilt after an ingest changed events. */
export async function refreshDerivedAt(
  dbPath: string,
  deps: Omit<Parameters<typeof refreshDerived>[0], 'derived'>,
): Promise<void> {
  const derived = openSqliteDerivedCache(dbPath);
  try {
    await refreshDerived({ ...deps, derived });
  } finally {
    derived.close();
  }
}
