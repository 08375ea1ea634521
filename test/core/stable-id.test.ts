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

/** The hash as first written, one character per step: the definition the stored ids come from. */
function stableIdByCharacter(...parts: string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 15;
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
  }
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h2 ^= h2 >>> 16;
  h2 = Math.imul(h2, 0xc2b2ae35);
  h2 ^= h2 >>> 13;
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

describe('stableId, however it steps through the text', () => {
  it('gives the ids of the one-character-per-step definition for parts of every length and count', () => {
    const alphabet = 'aZ09 -"\\\n\u00e9\u2013\u6771\ud83c\udf89\ud800';
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      // The high bits: an LCG's low bits repeat with a short period (lengths would all share a parity).
      return seed >>> 12;
    };
    const differing: string[][] = [];
    for (let n = 0; n < 3000; n++) {
      const parts = Array.from({ length: next() % 4 }, () =>
        Array.from({ length: next() % (n < 2000 ? 12 : 700) }, () => alphabet[next() % alphabet.length]).join(''),
      );
      if (stableId(...parts) !== stableIdByCharacter(...parts)) differing.push(parts);
    }
    expect(differing.slice(0, 3)).toEqual([]);
  });
});
