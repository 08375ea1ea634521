import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

describe('installing and linting say nothing to silence', () => {
  it("npm's allowScripts covers every dependency whose install script the project needs (npm ci does not warn)", () => {
    // Reads node_modules and package.json only; the same check npm ci ends with.
    const listed = spawnSync('npm', ['install-scripts', 'ls'], { cwd: ROOT, encoding: 'utf8' });
    expect(listed.status, listed.stderr).toBe(0);
    expect(`${listed.stdout}${listed.stderr}`).toContain('No packages with unreviewed install scripts.');
  });

  it('the Biome configuration uses no deprecated field (as biome migrate writes it)', () => {
    const biome = join(ROOT, 'node_modules', '.bin', 'biome');
    const checked = spawnSync(biome, ['lint', 'test/tooling-config.test.ts'], { cwd: ROOT, encoding: 'utf8' });
    expect(checked.status, checked.stderr).toBe(0);
    expect(`${checked.stdout}${checked.stderr}`).not.toMatch(/deprecated/i);
  });
});
