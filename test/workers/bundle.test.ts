import { expect, it } from 'vitest';
import { GZIP_LIMIT_BYTES, measureWorker, STARTUP_LIMIT_MS } from '../../scripts/worker-size.mjs';
import { describeWith } from '../support/needs-component.ts';

describeWith('workerd')('the Worker bundle', () => {
  it('`wrangler deploy --dry-run` bundles it, and it fits the free plan: gzip <= 3 MB, start-up <= 1 s', () => {
    const figures = measureWorker();
    expect(figures.modules).toContain('workers.js');
    expect(figures.gzipLimitBytes).toBe(GZIP_LIMIT_BYTES);
    // A bundle that lost its dependencies would also be small: the app, its parsers and ranking weigh this much.
    expect(figures.gzipBytes).toBeGreaterThan(100_000);
    expect(figures.gzipBytes).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(figures.startupMs).toBeLessThanOrEqual(STARTUP_LIMIT_MS);
    expect(figures.withinLimits).toBe(true);
  }, 120_000);
});
