import type { RankIndex, ScoreBuffers } from './bm25-index.ts';

/**
 * The arrays one ranking writes into, held by that ranking alone from acquire to release: a catalog is
 * shared by every request of an hour, so arrays on the catalog itself would be overwritten by a second
 * ranking as soon as one of them awaited between its steps.
 */
export interface RankingScratch {
  /** Interest n's score buffers, allocated the first time this scratch scores that many interests. */
  scoreBuffers(n: number): ScoreBuffers;
  /** Per event, the cheap bound of its score (see boundCandidates). */
  readonly bound: Float32Array;
  /**
   * Per event number, 1 + the position of its (last) entry in `numbers`, or 0: one array reused from
   * ranking to ranking (a fresh one of 100,000 per ranking is garbage the collector must chase).
   */
  positionsIn(numbers: Int32Array): Int32Array;
}

/**
 * Scratch for a catalog's rankings. A scratch is either kept by the pool or held by one ranking, never
 * both: acquire hands out the kept one only once and a fresh one while it is taken, so two rankings in
 * flight at once cannot share arrays. Release returns it for the next ranking; a scratch released twice,
 * or asked for buffers or positions after its release, throws.
 */
export interface ScratchPool {
  acquire(): RankingScratch;
  release(scratch: RankingScratch): void;
}

/** `held`: the pool's scratch currently held by a ranking; a scratch outside it refuses to be written. */
function newScratch(index: RankIndex, held: WeakSet<RankingScratch>): RankingScratch {
  const scores: ScoreBuffers[] = [];
  const positions = new Int32Array(index.size);
  let marked: Int32Array = new Int32Array(0);
  const scratch: RankingScratch = {
    bound: new Float32Array(index.size),
    scoreBuffers(n) {
      if (!held.has(scratch)) throw new Error('ranking scratch used after its release');
      scores[n] ??= index.buffers();
      return scores[n];
    },
    positionsIn(numbers) {
      if (!held.has(scratch)) throw new Error('ranking scratch used after its release');
      // The same list as the previous ranking's (a catalog remembers each gap summary's numbers): set already.
      if (numbers === marked) return positions;
      // Only the entries the previous list set need clearing.
      for (const i of marked) if (i >= 0) positions[i] = 0;
      numbers.forEach((i, k) => {
        if (i >= 0) positions[i] = k + 1;
      });
      marked = numbers;
      return positions;
    },
  };
  return scratch;
}

/**
 * One scratch kept for reuse: rankings run one after another almost always, and at 100,000 events and
 * ten interests a scratch is about ten megabytes the collector would otherwise chase per ranking.
 */
export function scratchPool(index: RankIndex): ScratchPool {
  const held = new WeakSet<RankingScratch>();
  let kept: RankingScratch | null = null;
  return {
    acquire() {
      const scratch = kept ?? newScratch(index, held);
      kept = null;
      held.add(scratch);
      return scratch;
    },
    release(scratch) {
      if (!held.delete(scratch))
        throw new Error('ranking scratch released twice or to a pool that did not hand it out');
      kept ??= scratch;
    },
  };
}
