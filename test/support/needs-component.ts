import { describe, inject, it } from 'vitest';
import { type ComponentName, requiredByCi } from './system-components.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    missingComponents: ComponentName[];
  }
}

const skipped = (needed: ComponentName[]): boolean => {
  const missing = inject('missingComponents') ?? [];
  return !requiredByCi() && needed.some((name) => missing.includes(name));
};

/**
 * `it` for a test that needs every component named; `it.skip` when one is missing outside CI.
 * Under CI the test runs and fails on the missing component.
 */
export function itWith(...needed: ComponentName[]) {
  return it.skipIf(skipped(needed));
}

/** `describe` for a suite that needs every component named, skipped like `itWith`. */
export function describeWith(...needed: ComponentName[]) {
  return describe.skipIf(skipped(needed));
}
