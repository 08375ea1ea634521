import { z } from 'zod';

const flag = z
  .string()
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** The SQLite file every command and the server use, unless `--db` or this variable names another. */
export const DB_ENV = 'CONVENE_DB';
export const DEFAULT_DB = 'data/convene.db';

/** Deployment settings from the environment, read once at the edge and passed in. */
export const EnvConfigSchema = z.object({
  [DB_ENV]: z.string().min(1).default(DEFAULT_DB),
  CONVENE_ALLOW_PRIVATE_NETWORK: flag,
  CONVENE_ADMIN_KEY: z.string().min(16, 'CONVENE_ADMIN_KEY must be at least 16 characters').optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  CI: flag,
});
export type EnvConfig = z.infer<typeof EnvConfigSchema>;

export const VERSION = '0.1.0';
export const USER_AGENT = `convene/${VERSION} (open-source event recommender; +https://github.com/convene)`;
