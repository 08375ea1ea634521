import type { TestProject } from 'vitest/node';
import { missingComponents, missingLine } from './support/system-components.ts';

/** Names the system components that are missing, once, and tells the suites which (see needs-component.ts). */
export default function setup(project: TestProject): void {
  const missing = missingComponents();
  for (const name of missing) process.stderr.write(`${missingLine(name)}\n`);
  project.provide('missingComponents', missing);
}
