import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { ContactSchema, describeZodError, ProfileSchema } from '../../src/core/profile.ts';
import { readVcards } from '../../src/network/vcard.ts';
import { mutated } from './mutate.ts';

const PROFILE = {
  name: 'Ada',
  interests: ['rust', { term: 'webassembly', weight: 2 }],
  expertise: ['typescript'],
  goals: ['learn', 'give-back'],
  location: { city: 'Berlin', country: 'Germany', lat: 52.52, lon: 13.405, timeZone: 'Europe/Berlin' },
  travel: { maxKm: 50, online: true },
  cadence: { perWeek: 2, perMonth: 5 },
  contacts: [{ name: 'Grace', fields: ['security'], tier: 'close', lastSeen: '2026-01-01', channel: 'offline' }],
};

/** A profile with one value somewhere replaced by anything JSON can hold. */
const damagedProfile = fc
  .tuple(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 3 }), fc.jsonValue({ maxDepth: 3 }))
  .map(([path, value]) => {
    const copy = structuredClone(PROFILE) as Record<string, unknown>;
    let node: Record<string, unknown> = copy;
    const keys = [...path];
    const last = keys.pop()!;
    for (const key of keys) {
      const next = node[key];
      if (next && typeof next === 'object') node = next as Record<string, unknown>;
    }
    node[Object.keys(node)[last.length % Math.max(Object.keys(node).length, 1)] ?? last] = value;
    return copy;
  });

function checkProfile(input: unknown): void {
  const result = ProfileSchema.safeParse(input);
  if (result.success) return;
  // Every refusal names a field and says what is wrong.
  const text = describeZodError(result.error);
  expect(text.length).toBeGreaterThan(0);
}

const VCARDS = readdirSync(join(import.meta.dirname, '..', 'fixtures', 'vcard'))
  .filter((f) => f.endsWith('.vcf'))
  .map((f) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'vcard', f), 'utf8'))
  // Each export as written (photos folded over hundreds of lines, so mutations hit a photo too) and
  // with the photo lines cut, so that mutations also land in the cards' own text.
  .flatMap((text) => [text, text.replace(/\r\n[ \t]+[A-Za-z0-9+/=]{60,}/g, '')]);

function checkVcards(text: string): void {
  const { contacts, warnings } = readVcards(text, defaultLexicon());
  for (const contact of contacts) expect(ContactSchema.safeParse(contact).success).toBe(true);
  for (const warning of warnings) expect(warning.length).toBeLessThan(400);
}

// Bounded so that the file runs in a few seconds.
const RUNS = { profileAnything: 1000, profileDamaged: 1000, vcardRandom: 300, vcardMutated: 500 } as const;

describe('the profile schema under random and damaged input', () => {
  it(`refuses anything that is not a profile with a message, never a crash (${RUNS.profileAnything} runs)`, () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), checkProfile), { numRuns: RUNS.profileAnything });
  });

  it(`reads or refuses a profile with one value replaced, never a crash (${RUNS.profileDamaged} runs)`, () => {
    expect(ProfileSchema.safeParse(PROFILE).success).toBe(true);
    fc.assert(fc.property(damagedProfile, checkProfile), { numRuns: RUNS.profileDamaged });
  });
});

describe('the vCard reader under random and mutated input', () => {
  it(`never crashes on random text inside a card (${RUNS.vcardRandom} runs)`, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (body) =>
        checkVcards(`BEGIN:VCARD\r\nVERSION:3.0\r\n${body}\r\nEND:VCARD\r\n`),
      ),
      { numRuns: RUNS.vcardRandom },
    );
  });

  it(`never crashes on mutated exports of every producer, and every contact it returns is valid (${RUNS.vcardMutated} runs)`, () => {
    fc.assert(fc.property(mutated(VCARDS), checkVcards), { numRuns: RUNS.vcardMutated });
  });
});
