// Seeded samples and redrawn points, written once: which parameters, steps and index bindings a
// check looks at when there are too many to look at all, and how a point that cannot be used
// (a perturbation across a kink, out of a logarithm's domain, a loss that is not finite) is
// replaced by another, a bounded number of times.
import { Redraw } from "../oracle/differences.js";
import type { Rng } from "../oracle/rng.js";

/** Draws of a point before giving up. */
export const MAX_DRAWS = 50;

/** No usable point was found, or the given params cannot be used: exit 1 with the reason. */
export class KinkError extends Error {}

/**
 * A seeded sample of `max` distinct indices of 0 .. total-1, ascending (all of them when
 * total <= max). Floyd's algorithm: it draws by index and never lists the population, so a
 * sample of 100 bindings out of a million costs 100 draws.
 */
export function sampleIndices(total: number, max: number, r: Rng): number[] {
  if (total <= max) return Array.from({ length: total }, (_, i) => i);
  const chosen = new Set<number>();
  for (let j = total - max; j < total; j++) {
    const t = Math.floor(r() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

/**
 * attempt(0), attempt(1), ... until one returns without throwing Redraw; after MAX_DRAWS
 * redraws, a KinkError that gives the last reason. `fixed`: the point is given, not drawn, so
 * the first Redraw is final.
 */
export function redrawing<T>(
  attempt: (draw: number) => T,
  giveUp: (draws: number, reason: string) => string,
  fixed = false,
): { value: T; redraws: number } {
  for (let draw = 0; ; draw++) {
    try {
      return { value: attempt(draw), redraws: draw };
    } catch (e) {
      if (!(e instanceof Redraw)) throw e;
      if (fixed || draw + 1 >= MAX_DRAWS) throw new KinkError(giveUp(draw + 1, e.message));
    }
  }
}
