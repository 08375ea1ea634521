/** A deterministic generator for synthetic benchmark data, so every run measures the same inputs. */
export function seededRandom(seed: number): { rand: () => number; pick: <T>(list: readonly T[]) => T } {
  let state = seed >>> 0;
  const rand = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 2 ** 32;
  };
  return { rand, pick: (list) => list[Math.floor(rand() * list.length)]! };
}
