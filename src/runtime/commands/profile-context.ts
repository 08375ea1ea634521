import { resolve } from 'node:path';
import { fixedClock, systemClock } from '../../core/clock.ts';
import { stableId } from '../../core/stable-id.ts';
import { dateFlag } from '../date-flag.ts';

/** Feedback belongs to the profile file it was given with. */
export function userKeyOf(profilePath: string): string {
  return `profile-${stableId(resolve(profilePath))}`;
}

/** The clock of a command: `--now` when given, else the system's. */
export function clockFor(now?: string) {
  return now ? fixedClock(new Date(dateFlag(now, '--now')).toISOString()) : systemClock;
}
