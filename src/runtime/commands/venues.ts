import { type Command, Option } from 'commander';
import type { VenueRecommendations } from '../../core/venue.ts';
import { recommendVenues } from '../../usecases/venues.ts';
import { type RankingFlags, rankForProfile, rankingOptions } from './ranking-flags.ts';

function printTable(result: VenueRecommendations): void {
  const lines: string[] = [`Places worth going back to (${result.venues.length})`];
  for (const { venue, score, reasons, shareWith } of result.venues) {
    const where = venue.online === true ? 'online' : (venue.place ?? 'place to be announced');
    lines.push(`${venue.name}  [${venue.kind}, ${venue.cadence.text}, ${where}]  score ${score}`, `  id ${venue.id}`);
    const next = venue.next.map((e) => e.start?.replace('T', ' ').replace(/:00Z$/, ' UTC') ?? 'undated');
    lines.push(`  next: ${next.join('; ')} (${venue.eventCount} upcoming)`);
    for (const r of reasons) lines.push(`  ${r.weight >= 0 ? '+' : ''}${r.weight.toFixed(2)}  ${r.text}`);
    for (const s of shareWith) lines.push(`  share with ${s.name}: ${s.why}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
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
      const { result } = await rankForProfile(flags, 200, recommendVenues);
      if (flags.format === 'json') process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else printTable(result);
    });
}
