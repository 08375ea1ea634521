import { spawnSync } from 'node:child_process';
import { pythonPath } from './system-components.ts';

/**
 * Runs a check in the system Python with the Debian packages .ci/run installs (python3-icalendar,
 * python3-feedparser; see system-components.ts): independent readers, so our output is judged by code we did not write.
 * The script reads its input on stdin and prints JSON.
 */
export function runPython<T>(script: string, input: string): T {
  const result = spawnSync(pythonPath(), ['-c', script], { input, encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`python3 failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
