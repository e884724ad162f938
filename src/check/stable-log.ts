// ln y_k and ln(1 - y_k) in the step check, read from the oracle's net rather than from the
// rounded y_k: at net 40.5 a sigmoid's y_k is 1 in double precision, its ln(1 - y_k) is -40.5.
// The printed formula is unchanged; only its evaluation at a point reads this.
import type { Env } from "../expr/interpret.js";
import { concrete } from "../expr/interpret.js";
import type { Bounded } from "../expr/rounding.js";
import type { Expr } from "../expr/types.js";
import { ROUNDING_ULPS } from "../oracle/differences.js";
import type { PointValues } from "../oracle/point.js";

const isY = (x: Expr): x is Expr & { kind: "sym" } => x.kind === "sym" && x.name === "y" && x.idx.length === 1;

/** ln(y_k) or ln(1 - y_k) of a node with stable logs, from the oracle's net; undefined for any other tree. */
export function stableLog(pv: PointValues, e: Expr, env: Env): Bounded | undefined {
  if (e.kind !== "call" || e.fn !== "ln" || e.order !== 0 || e.args.length !== 1) return undefined;
  const arg = e.args[0]!;
  let y: (Expr & { kind: "sym" }) | undefined;
  let oneMinus = false;
  if (isY(arg)) y = arg;
  else if (arg.kind === "add" && arg.terms.length === 2) {
    const at = arg.terms.findIndex((t) => t.kind === "num" && t.value === 1);
    const other = at < 0 ? undefined : arg.terms[1 - at]!;
    if (other?.kind === "mul" && other.factors.length === 2) {
      const [c, s] = other.factors;
      if (c?.kind === "num" && c.value === -1 && s !== undefined && isY(s)) {
        y = s;
        oneMinus = true;
      }
    }
  }
  const node = y === undefined ? undefined : concrete(y.idx[0]!, env);
  const logs = node?.kind === "node" ? pv.logs(node.n) : undefined;
  if (logs === undefined) return undefined;
  const value = oneMinus ? logs.ln1m : logs.ln;
  return { value, bound: ROUNDING_ULPS * Number.EPSILON * Math.max(1, Math.abs(value)) };
}
