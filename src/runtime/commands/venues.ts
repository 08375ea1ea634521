import { type Command, Option } from 'commander';
import { venuePlace } from '../../core/event-place.ts';
import type { VenueRecommendations } from '../../core/venue.ts';
import { whenText } from '../../render/page/when-text.ts';
import { rankedVenues } from '../../usecases/venues.ts';
import { type RankingFlags, rankForProfile, rankingOptions } from './ranking-flags.ts';

/** Times in the profile's zone, as recommend and the page show them. */
function printTable(result: VenueRecommendations, timeZone: string, nowMs: number): void {
  const lines: string[] = [`Places worth going back to (${result.venues.length})`];
  for (const { venue, score, reasons, shareWith } of result.venues) {
    lines.push(
      `${venue.name}  [${venue.kind}, ${venue.cadence.text}, ${venuePlace(venue)}]  score ${score}`,
      `  id ${venue.id}`,
    );
    const next = venue.next.map((e) => whenText(e, timeZone, nowMs));
    lines.push(`  next: ${next.join('; ')} (${venue.eventCount} upcoming)`);
    for (const r of reasons) lines.push(`  ${r.weight >= 0 ? '+' : ''}${r.weight.toFixed(2)}  ${r.text}`);
    for (const s of shareWith) lines.push(`  share with ${s.name}: ${s.why}`);
  }
  process.stdout.write(`${[`Times in ${timeZone}`, '', ...lines].join('\n')}\n`);
}

export function registerVenueCommands(program: Command): void {
  rankingOptions(
    program
      .command('venues')
      .description('communities, study groups, conference series and volunteering worth going back to, with reasons'),
    'venues',
    10,
  )
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table']).default('table'))
    .action(async (flags: RankingFlags & { format: string }) => {
      const { result, loaded, nowMs } = await rankForProfile(flags, 200, rankedVenues);
      // The venues JSON has no place for them (picks carry them in gaps.warnings), so every format says them here.
      for (const warning of [...loaded.warnings, ...result.warnings]) process.stderr.write(`warning: ${warning}\n`);
      if (flags.format === 'json') process.stdout.write(`${JSON.stringify(result.recommendations, null, 2)}\n`);
      else printTable(result.recommendations, loaded.profile.location?.timeZone ?? 'UTC', nowMs);
    });
}
