import type { Source } from '../core/source.ts';

/**
 * The sources a scheduled run should fetch now: each is checked again once its own interval, the
 * publisher's requested interval or its failure back-off has passed (ingest/schedule.ts sets the time),
 * and one disabled after a permanent error (410 Gone) is left alone until someone forces it.
 */
export function dueSources(sources: readonly Source[], nowMs: number): Source[] {
  return sources.filter(
    (source) => !source.disabled && (source.nextCheckAt === null || Date.parse(source.nextCheckAt) <= nowMs),
  );
}
