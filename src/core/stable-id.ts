import { hexWord } from './sha256.ts';

/**
 * A 64-bit hex id from text parts, the same on every runtime and every run (ids of sources and events
 * must survive restarts and moving to Workers). Two independent 32-bit FNV-1a/Murmur-mixed lanes;
 * not for secrets.
 */
export function stableId(...parts: string[]): string {
  lane1 = 0x811c9dc5;
  lane2 = 0x9747b28c;
  for (let p = 0; p < parts.length; p++) mixPart(parts[p]!);
  let h1 = lane1;
  let h2 = lane2;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h2 ^= h2 >>> 16;
  h2 = Math.imul(h2, 0xc2b2ae35);
  h2 ^= h2 >>> 13;
  return hexWord(h1) + hexWord(h2);
}

/** The lanes between parts: module state rather than a returned pair, so hashing allocates nothing. */
let lane1 = 0;
let lane2 = 0;

/**
 * One part into both lanes, then a separator, so ("ab","c") and ("a","bc") differ. Two characters
 * per turn of the loop: each lane is a chain of multiplies that cannot overlap, and the ingest hashes
 * every event text (about 15 million characters for a 10,000-event calendar), so the loop's own
 * bookkeeping was a third of the time.
 */
function mixPart(part: string): void {
  let h1 = lane1;
  let h2 = lane2;
  const length = part.length;
  let i = 0;
  for (; i + 1 < length; i += 2) {
    const c = part.charCodeAt(i);
    const d = part.charCodeAt(i + 1);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
    h1 = Math.imul(h1 ^ d, 0x01000193);
    h2 = Math.imul(h2 ^ d, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  if (i < length) {
    const c = part.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  lane1 = Math.imul(h1 ^ 0x1f, 0x01000193);
  lane2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
}
