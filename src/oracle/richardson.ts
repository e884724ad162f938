// Richardson-extrapolated central differences, and the same with the step shrunk while a kink lies
// within it: a net 1e-7 from relu's 0 is differenced with a step that stays on its side.
/** The rounding noise of a difference quotient at step h (differences.ts: roundingNoise of |f|). */
export type Noise = (h: number) => number;

/**
 * Richardson extrapolation of D(h) and D(h/2), and its error: two estimates of the same
 * derivative differ by their truncation and rounding errors, so the larger of that difference
 * and the rounding noise predicted from |f| and the step bounds the extrapolated value's error.
 */
export function richardson(d: (step: number) => number, h: number, noise: Noise): { value: number; noise: number } {
  const coarse = d(h);
  const fine = d(h / 2);
  return { value: (4 * fine - coarse) / 3, noise: Math.max(Math.abs(fine - coarse), noise(h / 2)) };
}

/** Times the step is divided by 16 before a kink within it is final (a point on the kink itself). */
const SHRINKS = 5;

/** richardson at h, or at h / 16, h / 256, ... while a perturbation crosses a kink (`kinked(e)` of what d threw). */
export function richardsonNearKinks(
  d: (step: number) => number,
  h: number,
  noise: Noise,
  kinked: (e: unknown) => boolean,
): { value: number; noise: number } {
  for (let i = 0; ; i++) {
    try {
      return richardson(d, h / 16 ** i, noise);
    } catch (e) {
      if (!kinked(e) || i >= SHRINKS) throw e;
    }
  }
}
