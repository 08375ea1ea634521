import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { CONTRACT_ADMIN_KEY, describeApiContract } from '../support/api-contract.ts';
import { startServe, stopServe } from '../support/serve.ts';

// The same suite runs against the Worker in test/workers/api-contract.test.ts.
describeApiContract('convene serve on Node', async (sources) => {
  const dir = mkdtempSync(join(tmpdir(), 'convene-contract-'));
  const db = join(dir, 'convene.db');
  const store = openSqliteStore(db);
  for (const location of sources) await store.ensureSource({ location });
  await store.close();
  const served = await startServe(db, { CONVENE_ADMIN_KEY: CONTRACT_ADMIN_KEY, CONVENE_ALLOW_PRIVATE_NETWORK: '1' });
  return {
    url: served.url,
    stop: async () => {
      await stopServe(served.child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
