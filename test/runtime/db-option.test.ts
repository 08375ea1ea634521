import { describe, expect, it } from 'vitest';
import { EnvConfigSchema } from '../../src/core/config.ts';
import { dbOption } from '../../src/runtime/commands/db-option.ts';

describe('the database file: one variable and one default for the server and every command', () => {
  it('--db reads CONVENE_DB and defaults to what the server configuration defaults to', () => {
    const option = dbOption();
    expect(option.envVar).toBe('CONVENE_DB');
    expect(option.defaultValue).toBe(EnvConfigSchema.parse({}).CONVENE_DB);
    expect(EnvConfigSchema.parse({ CONVENE_DB: '/tmp/x.db' }).CONVENE_DB).toBe('/tmp/x.db');
  });
});
