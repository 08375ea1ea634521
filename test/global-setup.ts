import type { TestProject } from 'vitest/node';
import { buildCli } from '../scripts/build.mjs';
import provideComponents from './components-setup.ts';

/** CLI tests run the bundle users run; build it from the current source first. */
export default async function setup(project: TestProject): Promise<void> {
  provideComponents(project);
  await buildCli();
}
