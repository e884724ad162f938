// Random points for a network with kinked (relu-type) activations: every kinked node seen on both
// sides of its kink, and every edge between two kinked nodes with both branches live.
import type { Proof } from "../derive/proof.js";

/** Extra draws looking for points on the other side of a kink. */
export const MAX_COVERAGE_DRAWS = 40;
/**
 * Conditions that random points must meet between them when the network has kinked (relu-type)
 * activations. A step with [net_j > 0] in it, checked only where net_j > 0, says nothing about
 * the other branch; a term delta_k w_kj of delta_j, checked only where node j or node k is
 * inactive, is multiplied by zero. So every kinked node must be seen on both sides of its kink,
 * and every edge j -> k between two kinked nodes with k above its kink and j on either side;
 * points are added until they are (or a bound is reached, which is then reported).
 */
export class KinkCoverage {
  private readonly open: { readonly what: string; readonly holds: (net: ArrayLike<number>) => boolean }[] = [];

  constructor(network: Proof["network"]) {
    const kinks = new Map<number, { kink: number; title: string }>();
    for (const layer of network.layers.slice(1)) {
      const a = layer.activation!;
      if (!a.elementwise) continue;
      for (const node of layer.nodes) {
        for (const kink of a.kinks) {
          this.open.push({ what: `net_${node} above the kink of ${a.title} at ${kink}`, holds: (net) => net[node]! > kink });
          this.open.push({ what: `net_${node} below the kink of ${a.title} at ${kink}`, holds: (net) => net[node]! < kink });
          kinks.set(node, { kink, title: a.title });
        }
      }
    }
    for (const [j, a] of kinks) {
      for (const k of network.nodes[j]!.downstream) {
        const b = kinks.get(k);
        if (b === undefined) continue;
        // delta_j = f'(net_j) sum_k delta_k w_kj: each branch of f' with a live delta_k.
        this.open.push({ what: `net_${j} and net_${k} both above their kinks`, holds: (net) => net[j]! > a.kink && net[k]! > b.kink });
        this.open.push({
          what: `net_${j} below its kink and net_${k} above its own`,
          holds: (net) => net[j]! < a.kink && net[k]! > b.kink,
        });
      }
    }
  }

  adds(net: ArrayLike<number>): boolean {
    return this.open.some((c) => c.holds(net));
  }

  record(net: ArrayLike<number>): void {
    for (let i = this.open.length - 1; i >= 0; i--) if (this.open[i]!.holds(net)) this.open.splice(i, 1);
  }

  uncovered(): string[] {
    return this.open.map((c) => `no point had ${c.what}`);
  }
}
