import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { Gaps } from '../../core/gaps.ts';
import { ContactSchema } from '../../core/profile.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import { gapsFor, importVcard, NotAVcardError } from '../../usecases/network.ts';
import { loadProfile, readJsonFile, readProfileInput, refuseTemplate, writeJsonAtomically } from '../profile-file.ts';
import { dbOption } from './db-option.ts';
import { clockFor } from './profile-context.ts';

function printGaps(gaps: Gaps): void {
  const lines: string[] = [];
  const section = (title: string, items: string[]) => {
    lines.push(title);
    for (const item of items) lines.push(`  - ${item}`);
    lines.push('');
  };
  section(
    'Coverage: fields your network does not reach',
    gaps.coverage.length ? gaps.coverage.map((g) => g.text) : ['every interest has at least a few contacts'],
  );
  section(
    `Maintenance: ${gaps.maintenance.text}`,
    gaps.maintenance.overdue.map((m) => m.text),
  );
  section('Channel balance', [gaps.channel.text]);
  section(
    `Give first: ${gaps.giveFirst.text}`,
    gaps.giveFirst.opportunities.map((o) => o.text),
  );
  if (gaps.warnings.length) section('Warnings', gaps.warnings);
  process.stdout.write(lines.join('\n'));
}

export function registerNetworkCommands(program: Command): void {
  program
    .command('gaps')
    .description(
      'the gaps in your network: fields it misses, relationships overdue, online/offline balance, where to give first',
    )
    .requiredOption('--profile <file>', 'profile JSON file')
    .option('--now <date>', 'the time to act as now')
    .addOption(dbOption('event store for give-first opportunities (the default only when it exists)'))
    .option('--json', 'print JSON')
    .action(async (flags: { profile: string; now?: string; db: string; json?: boolean }, command: Command) => {
      const clock = clockFor(flags.now);
      const loaded = loadProfile(flags.profile, clock.now());
      // The network gaps need no store: without a named one, give-first is left empty rather than a new file made.
      const named = command.getOptionValueSource('db') !== 'default';
      const store = named || existsSync(flags.db) ? openSqliteStore(flags.db) : null;
      try {
        const gaps = await gapsFor({ store, clock }, loaded.profile, loaded.contacts);
        gaps.warnings.unshift(...loaded.warnings);
        if (flags.json) process.stdout.write(`${JSON.stringify(gaps, null, 2)}\n`);
        else printGaps(gaps);
      } finally {
        await store?.close();
      }
    });

  const contacts = program.command('contacts').description('manage the contacts of a profile');
  contacts
    .command('import')
    .description('merge a vCard export (Google, Apple, Outlook, Thunderbird) into a profile file')
    .requiredOption('--profile <file>', 'profile JSON file to update')
    .argument('<vcard>', 'the .vcf file')
    .option('--json', 'print JSON')
    .action((vcardPath: string, flags: { profile: string; json?: boolean }) => {
      refuseTemplate(flags.profile);
      // Checked as a whole first, so an invalid profile is reported rather than overwritten.
      loadProfile(flags.profile);
      const raw = readJsonFile(flags.profile) as Record<string, unknown>;
      const vcard = readProfileInput(vcardPath);
      const existing = ContactSchema.array().parse(raw.contacts ?? []);
      let result: ReturnType<typeof importVcard>;
      try {
        result = importVcard(existing, vcard);
      } catch (error) {
        // A failed import (exit 1), not a wrong command line; the profile is left as it was.
        if (error instanceof NotAVcardError) throw new Error(`${vcardPath}: ${error.message}; nothing imported`);
        throw error;
      }
      writeJsonAtomically(flags.profile, { ...raw, contacts: result.contacts });
      const summary = {
        file: vcardPath,
        added: result.added,
        merged: result.merged,
        total: result.contacts.length,
        warnings: result.warnings,
      };
      if (flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        process.stdout.write(
          `${vcardPath}: ${result.added} added, ${result.merged} merged; ${result.contacts.length} contact${result.contacts.length === 1 ? '' : 's'} in ${flags.profile}\n`,
        );
        for (const warning of result.warnings) process.stdout.write(`  warning: ${warning}\n`);
      }
    });
}
