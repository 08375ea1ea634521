import { parseDateOption } from '../core/dates.ts';
import { UsageError } from './usage-error.ts';

/** A date flag that does not parse is a usage error (exit 2) naming the flag. */
export function dateFlag(text: string, flag: string): number {
  try {
    return parseDateOption(text, flag);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `--to` before `--from` would select nothing: said, naming both, rather than answered with an empty list. */
export function refuseReversedWindow(fromMs: number | undefined, toMs: number | undefined): void {
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs)
    throw new UsageError(
      `--from must be before --to (--from ${new Date(fromMs).toISOString()}, --to ${new Date(toMs).toISOString()})`,
    );
}
