import { describe, expect, it } from 'vitest';
import { describeZodError, ProfileSchema } from '../../src/core/profile.ts';

describe('profile schema', () => {
  it('fills sane defaults around the one required field', () => {
    const profile = ProfileSchema.parse({ interests: ['rust', { term: 'webassembly', weight: 2 }] });
    expect(profile).toMatchObject({
      interests: [
        { term: 'rust', weight: 1 },
        { term: 'webassembly', weight: 2 },
      ],
      expertise: [],
      goals: ['learn', 'meet-peers'],
      travel: { maxKm: 50, online: true },
      cadence: { perWeek: 2, perMonth: 5 },
      maintenance: { close: 30, regular: 90, acquaintance: 365 },
      contacts: [],
    });
  });

  it('gives a contact without a tier the shallowest one, and keeps an unknown lastSeen unknown', () => {
    const profile = ProfileSchema.parse({ interests: ['rust'], contacts: [{ name: 'Grace' }] });
    expect(profile.contacts[0]).toEqual({ name: 'Grace', fields: [], communities: [], tier: 'acquaintance' });
  });

  it.each([
    ['no interests', {}, /^interests: /],
    ['an empty interest list', { interests: [] }, /^interests: name at least one interest/],
    ['an unknown tier', { interests: ['x'], contacts: [{ name: 'G', tier: 'best-friend' }] }, /^contacts\.0\.tier: /],
    [
      'a lastSeen that is not a date',
      { interests: ['x'], contacts: [{ name: 'G', lastSeen: 'last spring' }] },
      /^contacts\.0\.lastSeen: expected a date/,
    ],
    [
      'a nameless contact',
      { interests: ['x'], contacts: [{ name: ' ' }] },
      /^contacts\.0\.name: a contact needs a name/,
    ],
    ['an unknown goal', { interests: ['x'], goals: ['get-rich'] }, /^goals\.0: /],
    ['a negative travel distance', { interests: ['x'], travel: { maxKm: -5 } }, /^travel\.maxKm: /],
    ['a weight above 5', { interests: [{ term: 'x', weight: 9 }] }, /^interests\.0/],
  ])('names the field for %s', (_name, input, message) => {
    const result = ProfileSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeZodError(result.error)).toMatch(message);
  });
});
