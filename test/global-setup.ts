import type { TestProject } from 'vitest/node';
import { buildCli } from '../scripts/build.mjs';
import { missingComponents, missingLine } from './support/system-components.ts';

/** CLI tests run the bundle users run; build it from the current source first. */
export default async function setup(project: TestProject): Promise<void> {
  const missing = missingComponents();
  for (const name of missing) process.stderr.write(`${missingLine(name)}\n`);
  project.provide('missingComponents', missing);
  await buildCli();
}
