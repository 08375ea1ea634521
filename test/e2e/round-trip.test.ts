import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Gaps } from '../../src/core/gaps.ts';
import { runCli } from '../support/cli.ts';
import { testDir } from '../support/test-dir.ts';

const VCARD = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Grace Hopper',
  'EMAIL:grace@example.org',
  'ORG:Example GmbH',
  'TITLE:Application security engineer',
  'CATEGORIES:OWASP Berlin',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:2.1',
  'N:Lovelace;Ada',
  'FN:Ada Lovelace',
  'TEL;WORK;VOICE:+49 30 1234',
  'NOTE;ENCODING=QUOTED-PRINTABLE:Rust and WebAssembly tinkerer=0D=0AMet at RustFest',
  'END:VCARD',
  '',
].join('\r\n');

/** One test's own folder: the vCard, and a profile with no contacts yet. */
function roundTripDir(): { dir: string; profilePath: string } {
  const dir = testDir('convene-roundtrip-');
  const profilePath = join(dir, 'profile.json');
  writeFileSync(join(dir, 'contacts.vcf'), VCARD);
  writeFileSync(
    profilePath,
    JSON.stringify(
      { name: 'Me', interests: [{ term: 'security', weight: 2 }, 'webassembly'], expertise: ['accessibility'] },
      null,
      2,
    ),
  );
  return { dir, profilePath };
}

describe('round trip: import a vCard, compute the gaps, read the explanations', () => {
  it('imports twice without duplicating anyone', async () => {
    const { dir, profilePath } = roundTripDir();
    const first = await runCli(['contacts', 'import', '--profile', profilePath, join(dir, 'contacts.vcf'), '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ added: 2, merged: 0, total: 2, warnings: [] });
    const again = await runCli(['contacts', 'import', '--profile', profilePath, join(dir, 'contacts.vcf'), '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: 0, merged: 2, total: 2 });
    const saved = JSON.parse(readFileSync(profilePath, 'utf8'));
    expect(saved.contacts.map((c: { name: string }) => c.name)).toEqual(['Grace Hopper', 'Ada Lovelace']);
    expect(saved.name).toBe('Me');
  });

  it('explains the gaps with the right people and fields', async () => {
    const { dir, profilePath } = roundTripDir();
    const imported = await runCli(['contacts', 'import', '--profile', profilePath, join(dir, 'contacts.vcf')]);
    expect(imported.code, imported.stderr).toBe(0);
    // Tell Convene what the address book could not: Grace is a close friend, last seen eight months ago.
    const saved = JSON.parse(readFileSync(profilePath, 'utf8'));
    saved.contacts[0] = { ...saved.contacts[0], tier: 'close', lastSeen: '2026-03-27', channel: 'offline' };
    writeFileSync(profilePath, JSON.stringify(saved, null, 2));
    const { code, stdout, stderr } = await runCli([
      'gaps',
      '--profile',
      profilePath,
      '--now',
      '2026-11-27',
      '--db',
      join(dir, 'none.db'),
      '--json',
    ]);
    expect(code, stderr).toBe(0);
    const gaps = JSON.parse(stdout) as Gaps;
    expect(gaps.maintenance.overdue.map((m) => m.text)).toEqual([
      'Grace Hopper (close) last seen 8 months ago, usually at OWASP Berlin',
    ]);
    expect(gaps.maintenance.unknown).toEqual([{ name: 'Ada Lovelace', tier: 'acquaintance' }]);
    const texts = gaps.coverage.map((g) => g.text);
    expect(texts).toContain('only 1 contact in security, an interest of weight 2');
    expect(texts).toContain('only 1 contact in WebAssembly, an interest of weight 1');
  });

  it('an invalid profile is refused with the file and field named, and left untouched', async () => {
    const { dir } = roundTripDir();
    const bad = join(dir, 'bad.json');
    const original = JSON.stringify({ interests: ['rust'], contacts: [{ name: 'X', tier: 'bestie' }] });
    writeFileSync(bad, original);
    const { code, stderr } = await runCli(['contacts', 'import', '--profile', bad, join(dir, 'contacts.vcf')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/bad\.json: invalid profile\ncontacts\.0\.tier: /);
    expect(readFileSync(bad, 'utf8')).toBe(original);
  });
});
