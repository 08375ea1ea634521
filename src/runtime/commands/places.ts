import type { Command } from 'commander';
import { openSqliteStore } from '../../store/sqlite.ts';
import { refreshPlaces } from '../../usecases/refresh-places.ts';
import { nodeGazetteer } from '../node-gazetteer.ts';
import { dbOption } from './db-option.ts';

export function registerPlacesCommands(program: Command): void {
  program
    .command('places')
    .description('where stored events take place')
    .command('refresh')
    .description('place every stored event again from its source text (after a gazetteer change)')
    .addOption(dbOption())
    .option('--json', 'print {"changed": N}')
    .action(async (flags: { db: string; json?: boolean }) => {
      const store = openSqliteStore(flags.db);
      try {
        const result = await refreshPlaces({ store, geocoder: await nodeGazetteer() });
        process.stdout.write(
          flags.json
            ? `${JSON.stringify(result)}\n`
            : `${result.changed} event ${result.changed === 1 ? 'text' : 'texts'} placed anew\n`,
        );
      } finally {
        await store.close();
      }
    });
}
