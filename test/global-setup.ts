import { buildCli } from '../scripts/build.mjs';

/** CLI tests run the bundle users run; build it from the current source first. */
export default async function setup(): Promise<void> {
  await buildCli();
}
