import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRACT_ADMIN_KEY, describeApiContract } from '../support/api-contract.ts';
import { describeWith } from '../support/needs-component.ts';
import { startWorkerDev } from '../support/worker-dev.ts';
import { seedLocalD1 } from '../support/workerd.ts';

// The suite test/http/api-contract-node.test.ts runs against `convene serve`, here against the Worker
// under `npm run dev:worker` with a local D1 in workerd, offline, on 127.0.0.1.
describeApiContract(
  'the Worker on local D1 (wrangler dev)',
  async (sources) => {
    const dir = mkdtempSync(join(tmpdir(), 'convene-worker-'));
    await seedLocalD1(dir, async (store) => {
      for (const location of sources) await store.ensureSource({ location });
    });
    const worker = await startWorkerDev(dir, {
      CONVENE_ADMIN_KEY: CONTRACT_ADMIN_KEY,
      // The documented dev/test opt-in: the fixture feeds are served on 127.0.0.1.
      CONVENE_ALLOW_PRIVATE_NETWORK: '1',
    });
    return {
      url: worker.url,
      stop: async () => {
        await worker.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  describeWith('workerd'),
);
