import { isReversedWindow } from '../core/window.ts';
import { ProblemError } from './problem.ts';

/** A reversed window is a 400 naming both ends, never an empty answer. */
export function refuseReversedWindow(fromMs: number | undefined, toMs: number | undefined): void {
  if (!isReversedWindow({ fromMs, toMs })) return;
  throw new ProblemError('validation_failed', 400, 'from must be before to', [
    { path: 'from', message: 'must be before to' },
    { path: 'to', message: 'must be after from' },
  ]);
}
