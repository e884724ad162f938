// The kinks of a user's formula, found from its tree: the zeros of every argument of abs, relu
// and sign, solved exactly where the argument is a product of polynomials of degree at most 2 in
// x, and otherwise bracketed by a scan (fine near 0, geometric out to 10^6) and bisected. A zero
// at which both the formula and its derivative are continuous (x |x| at 0: C^1, f'(0) = 0) is no
// kink: the one-sided limits of f and f' decide.
import type { Expr } from "../../expr/types.js";
import { builtin } from "../../expr/functions.js";
import { children } from "../../expr/walk.js";

/** The arguments of every call of a function that is not smooth (relu, |u|, sign). */
export const roughArguments = (e: Expr): Expr[] => [
  ...(e.kind === "call" && builtin(e.fn)?.analytic === false ? e.args : []),
  ...children(e).flatMap(roughArguments),
];

/** Coefficients [c0, c1, c2, ...] of a polynomial in the symbol x, or undefined if e is not one. */
export function polynomial(e: Expr): number[] | undefined {
  switch (e.kind) {
    case "num":
      return [e.value];
    case "sym":
      return e.name === "x" && e.idx.length === 0 ? [0, 1] : undefined;
    case "add": {
      const ps = e.terms.map(polynomial);
      if (ps.some((p) => p === undefined)) return undefined;
      const out: number[] = [];
      for (const p of ps as number[][]) p.forEach((c, i) => (out[i] = (out[i] ?? 0) + c));
      return out;
    }
    case "mul": {
      let out: number[] | undefined = [1];
      for (const f of e.factors) {
        const p = polynomial(f);
        if (p === undefined || out === undefined) return undefined;
        out = times(out, p);
      }
      return out;
    }
    case "pow": {
      const base = polynomial(e.base);
      const n = e.exp.kind === "num" ? e.exp.value : Number.NaN;
      if (base === undefined || !Number.isInteger(n) || n < 0 || n > 8) return undefined;
      let out = [1];
      for (let i = 0; i < n; i++) out = times(out, base);
      return out;
    }
    default:
      return undefined;
  }
}

function times(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(a.length + b.length - 1).fill(0);
  a.forEach((x, i) => b.forEach((y, j) => (out[i + j]! += x * y)));
  return out;
}

/** The real zeros of e, exactly, where e is a product or power of polynomials of degree <= 2; else undefined. */
export function zerosOf(e: Expr): number[] | undefined {
  if (e.kind === "mul") {
    const parts = e.factors.map(zerosOf);
    return parts.some((p) => p === undefined) ? undefined : (parts as number[][]).flat();
  }
  if (e.kind === "pow" && e.exp.kind === "num" && e.exp.value > 0) return zerosOf(e.base);
  const p = polynomial(e);
  if (p === undefined) return undefined;
  while (p.length > 0 && p[p.length - 1] === 0) p.pop();
  if (p.length <= 1) return [];
  if (p.length === 2) return [-p[0]! / p[1]!];
  if (p.length === 3) {
    const [c, b, a] = p as [number, number, number];
    const disc = b * b - 4 * a * c;
    if (disc < 0) return [];
    // The root of larger magnitude first, the other from the product of the roots: no cancellation.
    const q = -0.5 * (b + Math.sign(b || 1) * Math.sqrt(disc));
    return q === 0 ? [0] : [q / a, c / q];
  }
  return undefined;
}

/** Points of a scan: 40000 cells over [-50, 50], then geometric steps of 0.1% out to +-10^6. */
function scanPoints(): number[] {
  const xs: number[] = [];
  for (let i = 0; i <= 40000; i++) xs.push(-50 + (100 * i) / 40000);
  const far: number[] = [];
  for (let x = 50; x < 1e6; x *= 1.001) far.push(x);
  return [...far.map((x) => -x).reverse(), ...xs, ...far];
}

let scan: number[] | undefined;

/** Sign changes of g on the scan, each bisected to 1e-12 relative; a scan point where g is 0 is a zero. */
export function bracketZeros(g: (x: number) => number): number[] {
  scan ??= scanPoints();
  const found: number[] = [];
  let [px, pg] = [scan[0]!, g(scan[0]!)];
  for (const x of scan.slice(1)) {
    const gx = g(x);
    if (gx === 0) found.push(x);
    else if (Number.isFinite(pg) && Number.isFinite(gx) && pg !== 0 && pg < 0 !== gx < 0) {
      let [lo, hi] = [px, x];
      for (let k = 0; k < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(lo)); k++) {
        const mid = (lo + hi) / 2;
        if (g(mid) < 0 === pg < 0) lo = mid;
        else hi = mid;
      }
      found.push((lo + hi) / 2);
    }
    [px, pg] = [x, gx];
  }
  return found;
}

/** Whether f and f' each have equal one-sided limits at c (to a relative 1e-6): then c is no kink. */
export function smoothAt(f: (x: number) => number, df: (x: number) => number, c: number): boolean {
  const eps = 1e-8 * Math.max(1, Math.abs(c));
  const close = (a: number, b: number): boolean =>
    Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  return close(f(c - eps), f(c + eps)) && close(df(c - eps), df(c + eps));
}
