import { parseDateOption } from '../core/dates.ts';
import { isReversedWindow } from '../core/window.ts';
import { UsageError } from './usage-error.ts';

/** A date flag that does not parse is a usage error (exit 2) naming the flag. */
export function dateFlag(text: string, flag: string): number {
  try {
    return parseDateOption(text, flag);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A reversed `--from`/`--to` is a usage error naming both, rather than an empty list. */
export function refuseReversedWindow(fromMs: number | undefined, toMs: number | undefined): void {
  const window = { fromMs, toMs };
  if (isReversedWindow(window))
    throw new UsageError(
      `--from must be before --to (--from ${new Date(window.fromMs).toISOString()}, --to ${new Date(window.toMs).toISOString()})`,
    );
}
