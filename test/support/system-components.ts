import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * System packages some suites use as real, independent components. `.ci/run` installs them; on a
 * fresh machine without them those suites skip with one line naming the package, except under
 * CI=true, where a missing component must fail the run rather than hide it.
 *
 * The CONVENE_TEST_* variables point the suites at another executable: a machine with the binary
 * elsewhere, or a check that the skip and the CI failure really happen (see README, "Tests").
 */
export const COMPONENTS = {
  chromium: {
    debianPackage: 'chromium',
    suites: 'the browser tests (test/browser)',
  },
  'python3-icalendar': {
    debianPackage: 'python3-icalendar',
    suites: 'the Python icalendar read-back tests',
  },
  'python3-feedparser': {
    debianPackage: 'python3-feedparser',
    suites: 'the Python feedparser read-back tests',
  },
  'python3-vobject': {
    debianPackage: 'python3-vobject',
    suites: "the vCard producer tests' Python vobject cross-check",
  },
  script: {
    debianPackage: 'util-linux',
    suites: 'the progress-bar test (needs `script` for a pseudo-terminal)',
  },
  workerd: {
    // Not a Debian package: npm ci installs it with wrangler (@cloudflare/workerd-<platform>).
    npmPackage: 'wrangler (its workerd binary, @cloudflare/workerd-linux-64)',
    suites: 'the Workers tests (test/workers: D1, the Worker under wrangler dev, its bundle)',
  },
} as const;

export type ComponentName = keyof typeof COMPONENTS;

export const chromiumPath = (): string => process.env.CONVENE_TEST_CHROMIUM ?? '/usr/bin/chromium';
export const pythonPath = (): string => process.env.CONVENE_TEST_PYTHON ?? '/usr/bin/python3';
export const scriptPath = (): string => process.env.CONVENE_TEST_SCRIPT ?? 'script';
export const workerdPath = (): string =>
  process.env.CONVENE_TEST_WORKERD ?? new URL('../../node_modules/.bin/workerd', import.meta.url).pathname;

const pythonImports = (module: string): boolean =>
  spawnSync(pythonPath(), ['-c', `import ${module}`], { stdio: 'ignore', timeout: 30_000 }).status === 0;

const runs = (command: string): boolean =>
  spawnSync(command, ['--version'], { stdio: 'ignore', timeout: 30_000 }).status === 0;

const PRESENT: Record<ComponentName, () => boolean> = {
  chromium: () => existsSync(chromiumPath()),
  'python3-icalendar': () => pythonImports('icalendar'),
  'python3-feedparser': () => pythonImports('feedparser'),
  'python3-vobject': () => pythonImports('vobject'),
  script: () => runs(scriptPath()),
  workerd: () => runs(workerdPath()),
};

export function missingComponents(): ComponentName[] {
  return (Object.keys(COMPONENTS) as ComponentName[]).filter((name) => !PRESENT[name]());
}

export const requiredByCi = (): boolean => process.env.CI === 'true' || process.env.CI === '1';

/** The one line printed for a missing component: a skip on a fresh machine, a failure to come under CI. */
export function missingLine(name: ComponentName): string {
  const component: { suites: string; debianPackage?: string; npmPackage?: string } = COMPONENTS[name];
  const install = component.npmPackage
    ? `run npm ci, which installs ${component.npmPackage}`
    : `install the Debian package ${component.debianPackage}`;
  return requiredByCi()
    ? `convene tests: CI=true and ${name} is missing: ${component.suites} will fail; ${install}`
    : `convene tests: skipping ${component.suites}: ${name} is missing; ${install} (required when CI=true)`;
}
