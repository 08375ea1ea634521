import { describe, expect, it } from 'vitest';
import { stableId } from '../../src/core/stable-id.ts';

/** Several hundred words with accents, a dash, CJK and an astral emoji: a text long enough to unroll any loop. */
const LONG = Array.from({ length: 400 }, (_, i) => `word${i} Zürich – 東京 🎉`).join(' ');

describe('stableId', () => {
  // Ids are stored (occurrences, texts, content hashes) and referenced by feedback: these values were
  // computed by the implementation that wrote existing stores, and a faster one must give them all again.
  it.each([
    [[], '5db4a501ca969981'],
    [[''], '3f67550372bce129'],
    [['a'], 'fdab7feb4ca76eaa'],
    [['ab', 'c'], 'edfeea6be7c48001'],
    [['a', 'bc'], 'a60dcdc0a9f815ff'],
    [['src-1', 'series-0@bench', '2026-12-01T17:00:00Z'], '13451faccf96ab0e'],
    [['Café – Zürich 東京 🎉'], 'b44d3880464ee4f8'],
    [[LONG], 'c112b4d912bcb891'],
    [[LONG, 'tail'], '3df2c314fb91d205'],
  ])('%j gives the id existing stores hold', (parts, id) => {
    expect(stableId(...parts)).toBe(id);
  });

  it('tells part boundaries apart', () => {
    expect(stableId('ab', 'c')).not.toBe(stableId('a', 'bc'));
    expect(stableId('abc')).not.toBe(stableId('ab', 'c'));
  });
});
