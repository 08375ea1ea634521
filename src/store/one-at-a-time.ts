/**
 * Runs the tasks given to it one after another, in the order given: an ingest reads, plans and then
 * writes, with awaits between, and two ingests interleaved could both plan from reads taken before
 * either wrote (the same event from two sources filed under two ids). One queue per store instance;
 * separate processes or isolates are not covered (see docs/scaling.md).
 */
export function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    // The next task waits for this one to settle, whether it succeeded or failed.
    tail = run.catch(() => undefined);
    return run;
  };
}
