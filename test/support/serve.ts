import { type ChildProcess, spawn } from 'node:child_process';
import { BIN } from './cli.ts';

/** Starts `convene serve` on an ephemeral port; resolves with its URL and everything it printed to stderr. */
export function startServe(
  db: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0'], {
    env: { ...process.env, CI: 'true', ...env },
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      stderr += d;
      const match = /serving on (http:\/\/\S+?)\/ /.exec(stderr);
      if (match) resolve({ child, url: match[1]!, stderr: () => stderr });
    });
    child.on('exit', () => reject(new Error(`serve exited: ${stderr}`)));
  });
}

/** SIGTERM, then wait for the exit. */
export const stopServe = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
