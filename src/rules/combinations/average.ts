// Average pooling: net_k = (1/|pred(k)|) sum_{i in pred(k)} y_i, a constant weight on every input
// (no parameter, no bias); each input's share of the mean is its derivative.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import { eq } from "../equation.js";
import type { CombinationRule } from "./combination.js";

/** 1/n as a fraction (\frac{1}{9}, not 0.111111111); 1/|pred(k)| where the nodes' fan-ins differ. */
const share = (fanIn: number | undefined, k: Parameters<typeof b.sym>[1]): Expr =>
  fanIn === undefined ? { kind: "pow", base: b.sym("n", k), exp: b.MINUS_ONE } : { kind: "pow", base: b.num(fanIn), exp: b.MINUS_ONE };

export const average = {
  id: "average",
  net: (k, i, out, _bias, fanIn) => b.rawMul(share(fanIn, k), b.sum(i, { kind: "preds", of: k }, out(b.ivar(i)))),
  local: (k, j, fanIn) => eq(b.deriv(b.sym("net", k), b.sym("y", j)), share(fanIn, k), "linearity", "linearity-average"),
} as const satisfies CombinationRule;
