import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { cfpText } from '../../core/cfp-state.ts';
import { fixedClock, systemClock } from '../../core/clock.ts';
import { FEEDBACK_ACTIONS, type FeedbackAction } from '../../core/feedback.ts';
import { ContactSchema } from '../../core/profile.ts';
import { CALENDARS, type CalendarName } from '../../core/publication.ts';
import type { Pick, Recommendations } from '../../core/ranking.ts';
import { stableId } from '../../core/stable-id.ts';
import { VENUE_ACTIONS, type VenueAction } from '../../core/venue.ts';
import { recommendationsAsAtom, recommendationsAsCalendar } from '../../publish/write-recommendations.ts';
import { whenText } from '../../render/page/when-text.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import { applyAttendance, recommend, recordFeedback } from '../../usecases/recommend.ts';
import { recordVenueFeedback } from '../../usecases/venues.ts';
import { dateFlag } from '../date-flag.ts';
import { nodeGazetteer } from '../node-gazetteer.ts';
import { loadProfile, readJsonFile, refuseTemplate, writeJsonAtomically } from '../profile-file.ts';
import { UsageError } from '../usage-error.ts';
import { type RankingFlags, rankForProfile, rankingOptions } from './ranking-flags.ts';

/** Feedback belongs to the profile file it was given with. */
export function userKeyOf(profilePath: string): string {
  return `profile-${stableId(resolve(profilePath))}`;
}

export function clockFor(now?: string) {
  return now ? fixedClock(new Date(dateFlag(now, '--now')).toISOString()) : systemClock;
}

/** Times in the profile's zone, as the page shows them. */
function printTable(result: Recommendations, timeZone: string, nowMs: number): void {
  const line = (p: Pick) => {
    const when = whenText(p.event, timeZone, nowMs);
    const where = p.event.online === true ? 'online' : [p.event.city, p.event.country].filter(Boolean).join(', ');
    const out = [
      `${when}  ${p.event.title}  [${p.event.kind}${where ? `, ${where}` : ''}]  score ${p.score}`,
      `  id ${p.event.id}`,
    ];
    const cfp = cfpText(p.event.cfp, nowMs);
    if (cfp) out.push(`  ${cfp}`);
    for (const r of p.reasons) out.push(`  ${r.weight >= 0 ? '+' : ''}${r.weight.toFixed(2)}  ${r.text}`);
    for (const s of p.shareWith) out.push(`  share with ${s.name}: ${s.why}`);
    return out.join('\n');
  };
  const sections = [
    `Times in ${timeZone}`,
    '',
    `Picks (${result.picks.length})`,
    ...result.picks.map(line),
    '',
    `Give first (${result.giveFirst.length})`,
    ...result.giveFirst.map(line),
  ];
  process.stdout.write(`${sections.join('\n')}\n`);
}

export function registerRankingCommands(program: Command): void {
  rankingOptions(
    program
      .command('recommend')
      .description('events worth attending for a profile, each with the reasons that make up its score'),
    'picks',
    20,
  )
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'table', 'ics', 'atom']).default('table'),
    )
    .addOption(
      new Option('--calendar <which>', 'with --format ics: the picks, or the give-first deadlines')
        .choices(CALENDARS)
        .default('picks'),
    )
    .action(async (flags: RankingFlags & { format: string; calendar: CalendarName }) => {
      const { result, loaded, nowMs } = await rankForProfile(flags, 500, recommend);
      result.gaps.warnings.unshift(...loaded.warnings);
      const name = loaded.profile.name ?? null;
      // JSON carries them in gaps.warnings; the other formats are files, so they go beside them.
      if (flags.format !== 'json')
        for (const warning of result.gaps.warnings) process.stderr.write(`warning: ${warning}\n`);
      if (flags.format === 'json') process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else if (flags.format === 'ics')
        process.stdout.write(recommendationsAsCalendar(result, flags.calendar, name, nowMs));
      else if (flags.format === 'atom')
        process.stdout.write(recommendationsAsAtom(result, resolve(flags.profile), name, nowMs));
      else printTable(result, loaded.profile.location?.timeZone ?? 'UTC', nowMs);
    });

  program
    .command('feedback')
    .description(
      'tell Convene about an event: going, not-interested, or attended (with who you met); or about a venue: follow or not-interested',
    )
    .requiredOption('--profile <file>', 'profile JSON file')
    .addOption(new Option('--db <file>', 'event store').env('CONVENE_DB').default('data/convene.db'))
    .argument('[event]', 'event id (from recommend or events); with --venue, the action')
    .argument('[action]', 'going, not-interested or attended')
    .option('--venue <venue>', 'a venue id (from convene venues): follow or not-interested')
    .option('--met <name...>', 'with attended: the people you met there')
    .option('--reason <text>', 'why (kept with the feedback)')
    .option('--now <date>', 'the time to act as now')
    .action(
      async (
        first: string | undefined,
        second: string | undefined,
        flags: { profile: string; db: string; venue?: string; met?: string[]; reason?: string; now?: string },
      ) => {
        if (flags.venue !== undefined) {
          const eventOnly = [flags.met && '--met', flags.reason !== undefined && '--reason'].filter(Boolean);
          if (eventOnly.length > 0)
            throw new UsageError(`${eventOnly.join(' and ')} go with event feedback, not with --venue`);
          if (!first || second !== undefined || !(VENUE_ACTIONS as readonly string[]).includes(first))
            throw new UsageError(`with --venue, say ${VENUE_ACTIONS.join(' or ')}`);
          return venueFeedback({ ...flags, venue: flags.venue }, first as VenueAction);
        }
        if (!first || !second)
          throw new UsageError('name an event id and an action (going, not-interested or attended)');
        if (!(FEEDBACK_ACTIONS as readonly string[]).includes(second))
          throw new UsageError(`action '${second}' is invalid. Allowed choices are ${FEEDBACK_ACTIONS.join(', ')}.`);
        const eventId = first;
        const action = second as FeedbackAction;
        const met = flags.met ?? [];
        if (met.length > 0 && action !== 'attended') throw new UsageError('--met goes with attended');
        if (met.length > 0) refuseTemplate(flags.profile);
        loadProfile(flags.profile);
        const store = openSqliteStore(flags.db);
        try {
          const clock = clockFor(flags.now);
          const feedback = await recordFeedback(
            { store, clock },
            {
              userKey: userKeyOf(flags.profile),
              eventId,
              action,
              met,
              ...(flags.reason ? { reason: flags.reason } : {}),
            },
          );
          let note = '';
          if (action === 'attended' && met.length > 0) {
            const event = await store.getEvent(eventId);
            const raw = readJsonFile(flags.profile) as Record<string, unknown>;
            const day = (event?.start ?? new Date(clock.now()).toISOString()).slice(0, 10);
            const result = applyAttendance(
              ContactSchema.array().parse(raw.contacts ?? []),
              met,
              day,
              event?.online === true,
            );
            writeJsonAtomically(flags.profile, { ...raw, contacts: result.contacts });
            const moved = met.filter((name) => !result.kept.some((k) => k.toLowerCase() === name.trim().toLowerCase()));
            note = `${moved.length ? `; last seen ${day} for ${moved.join(', ')}` : ''}${result.added.length ? ` (new: ${result.added.join(', ')})` : ''}${result.kept.length ? `; ${result.kept.join(', ')} seen later already, kept` : ''}`;
          }
          process.stdout.write(`${feedback.action}: ${feedback.title}${note}\n`);
        } finally {
          await store.close();
        }
      },
    );
}

/** `convene feedback --venue VENUE follow|not-interested`: the word on a venue, kept with the profile file's feedback. */
async function venueFeedback(flags: { profile: string; db: string; venue: string; now?: string }, action: VenueAction) {
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
