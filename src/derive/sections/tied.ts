// Tied weights: a group of edges that share one value theta_g. E depends on theta_g through every
// edge that carries it; treating each edge's weight as a variable of its own, the chain rule
// gives dE/dw_kj = delta_k y_j for that use alone, and the total derivative adds the uses:
// dE/dtheta_g = sum_{(k,j) uses theta_g} delta_k y_j. The update is applied once, to theta_g.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import type { Param } from "../../network/graph.js";
import type { Builder } from "../builder.js";
import { edgeParams } from "../../network/params.js";
import type { Block, ParamResult, Section, Seq } from "../proof.js";
import { dE, delta, out, param, theta } from "../symbols.js";

export function tiedSection(bd: Builder, params: Seq<ParamResult>): Section {
  const network = bd.network;
  if (network.tied.length === 0) return { id: "tied", title: bd.title("sec-tied"), blocks: [] };
  const blocks: Block[] = [bd.text("p-tied-intro", { theta: theta(1) })];
  const use = (p: Param): Expr => (p.from === "b" ? delta(p.to) : b.rawMul(delta(p.to), out(network, p.from)));
  network.tied.forEach((group, i) => {
    const g = i + 1;
    const th = theta(g);
    const edges = group.map((e) => network.edges[e]!);
    const symbols = edges.map((p) => param(p.to, p.from));
    blocks.push(bd.text("p-tied-group", { theta: th, count: edges.length }));
    blocks.push(bd.steps(symbols.map((s) => bd.step(s, th, "definition", "tied-share", { relation: "define" }))));
    // The group's parameter is its first edge's.
    const result = params.at(edgeParams(network)[group[0]!]!)!;
    blocks.push(
      bd.steps(
        bd.chain(dE(th), [
          [b.rawAdd(...symbols.map((s) => dE(s))), "total-derivative", "total-tied"],
          [b.rawAdd(...edges.map(use)), "substitution", "substitute-delta"],
        ]),
      ),
    );
    blocks.push(bd.steps([bd.step(th, result.update, "gradient-descent", "update-tied", { relation: "update" })]));
  });
  blocks.push(bd.text("p-tied-after"));
  return { id: "tied", title: bd.title("sec-tied"), blocks };
}
