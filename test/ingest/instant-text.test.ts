import { describe, expect, it } from 'vitest';
import { instantText } from '../../src/ingest/ical/instant-text.ts';

const asIso = (ms: number, allDay: boolean) => {
  const iso = new Date(ms).toISOString();
  return allDay ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
};

/** A fixed pseudo-random walk, so a failure names the same instant on every run. */
function* instants(count: number): Generator<number> {
  let seed = 20_261_201;
  for (let i = 0; i < count; i++) {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    // Whole seconds from 1600 to 2400, and every seventh one off by some milliseconds.
    const seconds = Math.floor((seed / 2 ** 32) * 25_245_000_000) - 11_676_096_000;
    yield seconds * 1000 + (i % 7 === 0 ? seed % 1000 : 0);
  }
}

describe('instantText', () => {
  it.each([
    Date.UTC(2026, 11, 1, 17),
    Date.UTC(2024, 1, 29, 23, 59, 59),
    Date.UTC(2000, 1, 29),
    Date.UTC(1900, 1, 28, 12),
    Date.UTC(1970, 0, 1),
    Date.UTC(1969, 11, 31, 23, 59, 59),
    Date.UTC(1000, 0, 1),
    Date.UTC(999, 11, 31, 23, 59, 59),
    Date.UTC(9999, 11, 31, 23, 59, 59),
    Date.UTC(10_000, 0, 1),
    Date.UTC(2026, 5, 1, 8, 30, 15, 250),
  ])('writes %d as toISOString does, without milliseconds', (ms) => {
    expect(instantText(ms, false)).toBe(asIso(ms, false));
    expect(instantText(ms, true)).toBe(asIso(ms, true));
  });

  it('agrees with toISOString over 100,000 instants of eight centuries', () => {
    const differing: number[] = [];
    for (const ms of instants(100_000))
      if (instantText(ms, false) !== asIso(ms, false) || instantText(ms, true) !== asIso(ms, true)) differing.push(ms);
    expect(differing).toEqual([]);
  });
});
