import { ProblemError } from './problem.ts';

/** A window that ends before it starts can only be a mistake: a 400 naming both ends, never an empty answer. */
export function refuseReversedWindow(fromMs: number | undefined, toMs: number | undefined): void {
  if (fromMs === undefined || toMs === undefined || toMs > fromMs) return;
  throw new ProblemError('validation_failed', 400, 'from must be before to', [
    { path: 'from', message: 'must be before to' },
    { path: 'to', message: 'must be after from' },
  ]);
}
