// What every bench measures with: the median of its timings, the median time of a function over
// some runs, and the largest relative difference between two answers (that the comparison means
// something).

/** The median (the upper one of an even count). */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The median wall time of f over `runs` calls, in milliseconds. */
export function medianTime(runs: number, f: () => void): number {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

/** The largest |a_i - b_i| / |b_i| (|b_i| at least 1e-12) over the first n entries. */
export function worstRelative(n: number, a: (i: number) => number, b: (i: number) => number): number {
  let worst = 0;
  for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(a(i) - b(i)) / Math.max(Math.abs(b(i)), 1e-12));
  return worst;
}
