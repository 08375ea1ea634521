import { defineConfig } from 'vitest/config';

/** Suites over the whole shared corpus (hundreds of real files, one store of all of them): slow by size. */
const CORPUS = ['test/conformance/**/*.test.ts', 'test/score/precision.test.ts', 'test/score/venues-corpus.test.ts'];
/** Tests of the built binary: `convene` in a child process, or the bundle as the serve worker runs it. */
const E2E = ['test/e2e/**/*.test.ts'];
/** The Worker in workerd with a local D1 (wrangler): real, offline, and a few seconds to start each. */
const WORKERS = ['test/workers/**/*.test.ts'];
/** Tests that drive an independent system component: headless Chromium, Python's readers. */
const COMPONENTS = [
  'test/browser/**/*.test.ts',
  'test/http/subscriptions.test.ts',
  'test/network/vcard-producers.test.ts',
  'test/publish/ical-writer.test.ts',
];

// `npm test` runs every project; `npm run test:unit` only the first: no bundle, browser, Python or workerd, and
// nothing the size of the whole corpus, so it answers in seconds.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: [...CORPUS, ...E2E, ...COMPONENTS, ...WORKERS],
        },
      },
      { extends: true, test: { name: 'corpus', include: CORPUS } },
      { extends: true, test: { name: 'workers', include: WORKERS } },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
          globalSetup: ['test/global-setup.ts'],
          // A test here starts the binary up to a dozen times: on a loaded two-core machine that alone
          // can pass 30 s, so the ceiling is a hang detector, not a speed target (that is the bench's).
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: { name: 'components', include: COMPONENTS, globalSetup: ['test/components-setup.ts'] },
      },
    ],
  },
});
