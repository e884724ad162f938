// Symbolic differentiation of concrete scalar expressions with respect to a symbol.
// Sum rule, product rule, power rule, and the chain rule, written once for every function.
import * as b from "./build.js";
import { builtin } from "./functions.js";
import { equal } from "./key.js";
import { assertNever, type Expr } from "./types.js";

export class NotDifferentiable extends Error {}

export function diff(e: Expr, wrt: Expr): Expr {
  if (equal(e, wrt)) return b.ONE;
  switch (e.kind) {
    case "num":
    case "sym":
    case "index":
      return b.ZERO;
    case "add":
      return b.add(...e.terms.map((t) => diff(t, wrt)));
    case "mul": {
      // (f g h)' = f' g h + f g' h + f g h'
      const terms = e.factors.map((f, i) => {
        const d = diff(f, wrt);
        return b.mul(...e.factors.map((g, j) => (i === j ? d : g)));
      });
      return b.add(...terms);
    }
    case "pow": {
      const du = diff(e.base, wrt);
      const dv = diff(e.exp, wrt);
      if (dv.kind === "num" && dv.value === 0) {
        // (u^n)' = n u^(n-1) u'
        return b.mul(e.exp, b.pow(e.base, b.add(e.exp, b.MINUS_ONE)), du);
      }
      // (u^v)' = u^v (v' ln u + v u'/u)
      return b.mul(e, b.add(b.mul(dv, b.call("ln", [e.base])), b.mul(e.exp, du, b.pow(e.base, b.MINUS_ONE))));
    }
    case "call": {
      if (e.args.length !== 1 || e.order !== 0) throw new NotDifferentiable(`${e.fn} has no derivative rule here`);
      const fn = builtin(e.fn);
      if (fn === undefined) throw new NotDifferentiable(`unknown function ${e.fn}`);
      // Chain rule: (fn(u))' = fn'(u) u'
      const du = diff(e.args[0]!, wrt);
      return du.kind === "num" && du.value === 0 ? b.ZERO : b.mul(fn.derivative(e.args[0]!), du);
    }
    case "iverson":
      // Piecewise constant: zero derivative away from the jump.
      return b.ZERO;
    case "deriv":
    case "sum":
    case "max":
    case "tensor":
    case "matrix":
    case "transpose":
    case "matmul":
    case "hadamard":
    case "ellipsis":
      throw new NotDifferentiable(`cannot differentiate a ${e.kind}`);
    default:
      return assertNever(e);
  }
}
