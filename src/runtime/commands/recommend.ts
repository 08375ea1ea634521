import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { cfpText } from '../../core/cfp-state.ts';
import { shortPlace } from '../../core/event-place.ts';
import { CALENDARS, type CalendarName } from '../../core/publication.ts';
import type { Pick, Recommendations } from '../../core/ranking.ts';
import { recommendationsAsAtom, recommendationsAsCalendar } from '../../publish/write-recommendations.ts';
import { whenText } from '../../render/page/when-text.ts';
import { recommend } from '../../usecases/recommend.ts';
import { type RankingFlags, rankForProfile, rankingOptions } from './ranking-flags.ts';

/** Times in the profile's zone, as the page shows them. */
function printTable(result: Recommendations, timeZone: string, nowMs: number): void {
  const line = (p: Pick) => {
    const when = whenText(p.event, timeZone, nowMs);
    const where = shortPlace(p.event);
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
}
