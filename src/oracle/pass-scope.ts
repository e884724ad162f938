// The scopes in which the oracle evaluates an expression at one point: every proof symbol read
// from a forward pass (real, or complex for a complex step), through the one definition of what
// each symbol means (network/symbols.ts), with a perturbed parameter or edge at its value.
// Error terms, derivative symbols and unresolved sums have no value there: such an expression
// cannot be differentiated numerically.
import { cx, type Complex, type ComplexScope } from "../expr/complex.js";
import { EvalError, type Scope } from "../expr/evaluate.js";
import { activationLetters, type Network } from "../network/graph.js";
import type { Params } from "../network/params.js";
import { resolveSet } from "../network/sets.js";
import { readSymbol, type SymbolReader } from "../network/symbols.js";
import { complexActivation, type ComplexPass } from "./complex-pass.js";
import type { ForwardPass } from "./forward.js";
import type { Quantity } from "./quantity.js";

const nested = (what: string): never => {
  throw new EvalError(`${what} inside a differentiated expression cannot be checked`);
};

/**
 * The symbols of a pass, real or complex (`lift` makes a given number one), with a perturbed
 * parameter (every use of it) or edge (that use alone) at its value.
 */
function passReader<T>(
  p: Params,
  pass: { readonly y: (n: number) => T; readonly net: (n: number) => T; readonly E: T },
  lift: (v: number) => T,
  perturbed: { readonly kind: "param" | "edge"; readonly index: number; readonly value: T } | undefined,
): SymbolReader<T> {
  return {
    param: (i, edge) =>
      (perturbed?.kind === "edge" && perturbed.index === edge) || (perturbed?.kind === "param" && perturbed.index === i)
        ? perturbed.value
        : lift(p.values[i]!),
    y: pass.y,
    net: pass.net,
    delta: () => nested("an error term"),
    t: (i) => lift(p.targets[i]!),
    eta: () => lift(p.eta),
    E: () => pass.E,
  };
}

/** Symbols read from a forward pass, with the perturbed parameter's value in place. */
export function passScope(
  network: Network,
  p: Params,
  pass: ForwardPass,
  perturbed?: { readonly kind: "param" | "edge"; readonly index: number; readonly value: number },
): Scope {
  const letters = activationLetters(network);
  const reader = passReader(p, { y: (n) => pass.y[n]!, net: (n) => pass.net[n]!, E: pass.E }, (v) => v, perturbed);
  return {
    sym: (name, idx) => readSymbol(network, name, idx, reader),
    set: (s) => resolveSet(network, s) ?? nested("a sum over an unresolved set"),
    call(fn, order, args) {
      const a = letters.get(fn);
      if (a === undefined) throw new EvalError(`no meaning for function ${fn}`);
      return order === 0 ? a.value(args[0]!) : nested("a derivative of an activation");
    },
    deriv: () => nested("a derivative symbol"),
  };
}

/** The complex counterpart of passScope: the same symbols, q's value z; `base` the unperturbed pass. */
export function complexScope(network: Network, p: Params, base: ForwardPass, pass: ComplexPass, q: Quantity, z: Complex): ComplexScope {
  const letters = activationLetters(network);
  // A value q does not move is the unperturbed pass's (the complex pass leaves it out).
  const moved = { y: (n: number) => pass.y[n] ?? cx(base.y[n]!), net: (n: number) => pass.net[n] ?? cx(base.net[n]!), E: pass.E };
  const reader = passReader(p, moved, cx, q.kind === "param" || q.kind === "edge" ? { kind: q.kind, index: q.index, value: z } : undefined);
  return {
    sym: (name, idx) => readSymbol(network, name, idx, reader),
    set: (s) => resolveSet(network, s) ?? nested("a sum over an unresolved set"),
    call(fn, order, args) {
      const a = letters.get(fn);
      if (a === undefined || order !== 0) return nested(`function ${fn}`);
      return complexActivation(a)(args[0]!);
    },
  };
}
