import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Gaps } from '../../src/core/gaps.ts';
import { runCli } from '../support/cli.ts';
import { eventRecord } from '../support/events.ts';
import { storeRecords, tempStore } from '../support/store.ts';

const NOW = '2026-11-27T08:00:00Z';

/** `gaps` reads give-first opportunities from the store that `--db`, `CONVENE_DB` or the default names. */
describe('every command takes its store from --db or CONVENE_DB', () => {
  let db: ReturnType<typeof tempStore>;
  let cwd: string;
  let profile: string;
  beforeEach(async () => {
    db = tempStore();
    await storeRecords(
      db.store,
      'https://cfp.example/list.json',
      [
        eventRecord({
          uid: 'a11y-camp',
          title: 'A11yCamp Europe',
          start: '2027-03-10T09:00:00Z',
          kind: 'conference',
          cfp: { url: 'https://a11y.example/cfp', closes: '2027-01-15' },
        }),
      ],
      NOW,
    );
    await db.store.close();
    // A working folder with no data/convene.db, so only a named store can supply the opportunity.
    cwd = join(db.dir, 'work');
    mkdirSync(cwd);
    profile = join(cwd, 'profile.json');
    writeFileSync(profile, JSON.stringify({ name: 'Me', interests: ['rust'], expertise: ['accessibility'] }));
  });
  afterEach(() => db.cleanup());

  const giveFirst = async (args: string[], env: NodeJS.ProcessEnv) => {
    const { code, stdout, stderr } = await runCli(['gaps', '--profile', profile, '--now', NOW, '--json', ...args], {
      cwd,
      env,
    });
    expect(code, stderr).toBe(0);
    return (JSON.parse(stdout) as Gaps).giveFirst.opportunities.map((o) => o.title);
  };

  it('gaps honours CONVENE_DB, as --db, and without either finds no store in a folder that has none', async () => {
    expect(await giveFirst([], { CONVENE_DB: db.path })).toEqual(['A11yCamp Europe']);
    expect(await giveFirst(['--db', db.path], { CONVENE_DB: undefined })).toEqual(['A11yCamp Europe']);
    expect(await giveFirst([], { CONVENE_DB: undefined })).toEqual([]);
  });
});
