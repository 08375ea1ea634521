import { setFlagsFromString } from 'node:v8';

/**
 * V8 lets its heap grow to up to four times what survived the last full collection before it collects
 * again. A one-shot ingest keeps a run's parsed records, then their split texts, until its one write, and
 * drops each stage's garbage (the decoded file, the parse trees, the records) at once: with the default
 * factor no full collection came between them, and a 10,000-event calendar with real texts peaked above
 * 260 MB for some 70 MB alive. V8 reads this factor each time it sets its next limit, so it takes effect
 * when set after start-up (the CLI starts as `node bin/convene.js`, without flags). Twice what survived:
 * lower factors (1.25x, 1.5x) took a few MB more off the peak but cost CPU in the extra full collections.
 *
 * The young generation stays the size start-up grew it to (4 MB semi-spaces, from 1 MB): left to grow,
 * it doubled up to 16 MB ones while the parse allocated, some 30 MB of the 206 MB peak of that calendar.
 * Its largest size is fixed when the process starts (--max-semi-space-size comes too late here), but
 * V8 reads the growth factor each time it grows it. Smaller semi-spaces cost no measurable CPU at 4 MB;
 * at 1 MB more objects outlived them and the peak grew again.
 */
export function collectBetweenIngestStages(): void {
  setFlagsFromString('--heap-growing-percent=100');
  setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * V8's own heuristics again, for what follows an ingest in the same process: the refresh of the derived
 * caches reads every stored event into long-lived structures, and in 4 MB semi-spaces most of them were
 * copied once more before their promotion (the bench's re-ingest with refresh took 11-12 s before the
 * young generation was held, 14-15 s after).
 */
export function growHeapByDefault(): void {
  setFlagsFromString('--heap-growing-percent=0');
  setFlagsFromString('--semi-space-growth-factor=2');
}
