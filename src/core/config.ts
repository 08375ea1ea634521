import { z } from 'zod';

const flag = z
  .string()
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** Deployment settings from the environment, read once at the edge and passed in. */
export const EnvConfigSchema = z.object({
  CONVENE_DB: z.string().min(1).default('data/convene.db'),
  CONVENE_ALLOW_PRIVATE_NETWORK: flag,
  CONVENE_ADMIN_KEY: z.string().min(16, 'CONVENE_ADMIN_KEY must be at least 16 characters').optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  CI: flag,
});
export type EnvConfig = z.infer<typeof EnvConfigSchema>;

export const VERSION = '0.1.0';
export const USER_AGENT = `convene/${VERSION} (open-source event recommender; +https://github.com/convene)`;
