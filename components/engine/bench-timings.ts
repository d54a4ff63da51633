/**
 * Benchmark timings (where the worker's and the page's time went) exist only in bench builds:
 * `npm run bench:browser` builds with `WXT_SELLER_LENS_BENCH=1` and reads them from the panel's
 * `data-timings`; a normal build neither measures nor shows them.
 */

/** Whether this is a bench build (WXT exposes `WXT_`-prefixed variables to the bundle). */
export const BENCH_BUILD: boolean = (import.meta.env?.WXT_SELLER_LENS_BENCH ?? '') === '1';

/** Step timer of one request: `mark(step)` records the ms since the previous mark; a no-op outside bench builds. */
export interface StepTimer {
  mark(step: string): void;
  /** Adds steps measured elsewhere (the snapshot load's). */
  add(steps: Record<string, number>): void;
  /** A copy of the steps so far (undefined outside bench builds). */
  snapshot(): Record<string, number> | undefined;
}

/** A timer starting now; `base` holds figures known before it (worker boot, request time). */
export function stepTimer(base: () => Record<string, number>): StepTimer {
  if (!BENCH_BUILD) return { mark: () => undefined, add: () => undefined, snapshot: () => undefined };
  const timings: Record<string, number> = { ...base() };
  let tMark = performance.now();
  return {
    mark(step) {
      const now = performance.now();
      timings[step] = Math.round(now - tMark);
      tMark = now;
    },
    add(steps) {
      Object.assign(timings, steps);
    },
    snapshot: () => ({ ...timings }),
  };
}
