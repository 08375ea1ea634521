import type { Command } from 'commander';
import { FEEDBACK_ACTIONS, type FeedbackAction } from '../../core/feedback.ts';
import { ContactSchema } from '../../core/profile.ts';
import { VENUE_ACTIONS, type VenueAction } from '../../core/venue.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import { type Attendance, giveFeedbackTo } from '../../usecases/feedback.ts';
import { recordVenueFeedback } from '../../usecases/venues.ts';
import { nodeGazetteer } from '../node-gazetteer.ts';
import { loadProfile, readJsonFile, refuseTemplate, writeJsonAtomically } from '../profile-file.ts';
import { UsageError } from '../usage-error.ts';
import { dbOption } from './db-option.ts';
import { clockFor, userKeyOf } from './profile-context.ts';

interface FeedbackFlags {
  profile: string;
  db: string;
  venue?: string;
  met?: string[];
  reason?: string;
  now?: string;
}

/** What attending moved, after the stored word: whose last meeting moved, who is new, who was seen later. */
function attendanceNote(met: string[], attendance: Attendance | null): string {
  if (!attendance) return '';
  const { day, added, kept } = attendance;
  const moved = met.filter((name) => !kept.some((k) => k.toLowerCase() === name.trim().toLowerCase()));
  return `${moved.length ? `; last seen ${day} for ${moved.join(', ')}` : ''}${added.length ? ` (new: ${added.join(', ')})` : ''}${kept.length ? `; ${kept.join(', ')} seen later already, kept` : ''}`;
}

/** `convene feedback EVENT ACTION`: the word on an event, and for attended the profile file's contacts. */
async function eventFeedback(flags: FeedbackFlags, eventId: string, action: FeedbackAction): Promise<void> {
  const met = flags.met ?? [];
  if (met.length > 0 && action !== 'attended') throw new UsageError('--met goes with attended');
  if (met.length > 0) refuseTemplate(flags.profile);
  loadProfile(flags.profile);
  const store = openSqliteStore(flags.db);
  try {
    const raw = () => readJsonFile(flags.profile) as Record<string, unknown>;
    const { feedback, attendance } = await giveFeedbackTo(
      { store, clock: clockFor(flags.now) },
      { userKey: userKeyOf(flags.profile), eventId, action, met, ...(flags.reason ? { reason: flags.reason } : {}) },
      {
        read: () => ContactSchema.array().parse(raw().contacts ?? []),
        write: (contacts) => writeJsonAtomically(flags.profile, { ...raw(), contacts }),
      },
    );
    process.stdout.write(`${feedback.action}: ${feedback.title}${attendanceNote(met, attendance)}\n`);
  } finally {
    await store.close();
  }
}

/** `convene feedback --venue VENUE follow|not-interested`: the word on a venue, kept with the profile file's feedback. */
async function venueFeedback(flags: FeedbackFlags & { venue: string }, action: VenueAction): Promise<void> {
  loadProfile(flags.profile);
  const store = openSqliteStore(flags.db);
  try {
    const stored = await recordVenueFeedback(
      { store, clock: clockFor(flags.now), geocoder: nodeGazetteer },
      { userKey: userKeyOf(flags.profile), venueId: flags.venue, action },
    );
    process.stdout.write(`${stored.action}: ${stored.name}\n`);
  } finally {
    await store.close();
  }
}

export function registerFeedbackCommand(program: Command): void {
  program
    .command('feedback')
    .description(
      'tell Convene about an event: going, not-interested, or attended (with who you met); or about a venue: follow or not-interested',
    )
    .requiredOption('--profile <file>', 'profile JSON file')
    .addOption(dbOption('event store'))
    .argument('[event]', 'event id (from recommend or events); with --venue, the action')
    .argument('[action]', 'going, not-interested or attended')
    .option('--venue <venue>', 'a venue id (from convene venues): follow or not-interested')
    .option('--met <name...>', 'with attended: the people you met there')
    .option('--reason <text>', 'why (kept with the feedback)')
    .option('--now <date>', 'the time to act as now')
    .action(async (first: string | undefined, second: string | undefined, flags: FeedbackFlags) => {
      if (flags.venue !== undefined) {
        const eventOnly = [flags.met && '--met', flags.reason !== undefined && '--reason'].filter(Boolean);
        if (eventOnly.length > 0)
          throw new UsageError(`${eventOnly.join(' and ')} go with event feedback, not with --venue`);
        if (!first || second !== undefined || !(VENUE_ACTIONS as readonly string[]).includes(first))
          throw new UsageError(`with --venue, say ${VENUE_ACTIONS.join(' or ')}`);
        return venueFeedback({ ...flags, venue: flags.venue }, first as VenueAction);
      }
      if (!first || !second) throw new UsageError('name an event id and an action (going, not-interested or attended)');
      if (!(FEEDBACK_ACTIONS as readonly string[]).includes(second))
        throw new UsageError(`action '${second}' is invalid. Allowed choices are ${FEEDBACK_ACTIONS.join(', ')}.`);
      return eventFeedback(flags, first, second as FeedbackAction);
    });
}
