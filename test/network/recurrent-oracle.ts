// An independent evaluation of an Elman network for the tests, sharing no code with the engine:
// Goodfellow's equations in plain loops (a^{(t)} = b + W h^{(t-1)} + U x^{(t)}, h = f(a),
// o = c + V h, yhat = g(o)), E summed over the steps with a loss, and backpropagation through
// time written from the textbook: delta_o^{(t)} from the loss and g, then backwards
// delta_h^{(t)} = f'(a^{(t)}) (V^T delta_o^{(t)} + W^T delta_h^{(t+1)}), and each shared
// matrix's gradient the sum over the steps. Finite differences of `forward` check `bptt`.

export type Vec = number[];
export type Mat = number[][];

export interface Weights {
  U: Mat;
  W: Mat;
  V: Mat;
  b: Vec;
  c: Vec;
}

export interface Sequence {
  readonly hidden: string;
  readonly output: string;
  readonly loss: string;
  readonly alpha: number;
  /** 1-based steps with a loss. */
  readonly lossSteps: readonly number[];
  readonly inputs: Mat;
  readonly targets: Mat;
  readonly h0: Vec;
  readonly weights: Weights;
}

const ACT: Record<string, { f: (x: number, alpha: number) => number; d: (x: number, alpha: number) => number }> = {
  identity: { f: (x) => x, d: () => 1 },
  sigmoid: { f: (x) => 1 / (1 + Math.exp(-x)), d: (x) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2 },
  tanh: { f: (x) => Math.tanh(x), d: (x) => 1 - Math.tanh(x) ** 2 },
  relu: { f: (x) => Math.max(x, 0), d: (x) => (x > 0 ? 1 : 0) },
  "leaky-relu": { f: (x, a) => (x > 0 ? x : a * x), d: (x, a) => (x > 0 ? 1 : a) },
  softplus: { f: (x) => Math.log(1 + Math.exp(x)), d: (x) => 1 / (1 + Math.exp(-x)) },
};

const matVec = (m: Mat, v: Vec): Vec => m.map((row) => row.reduce((s, w, j) => s + w * v[j]!, 0));
const tMatVec = (m: Mat, v: Vec): Vec => m[0]!.map((_, j) => m.reduce((s, row, i) => s + row[j]! * v[i]!, 0));
const add = (...vs: Vec[]): Vec => vs[0]!.map((_, i) => vs.reduce((s, v) => s + v[i]!, 0));

function outputOf(kind: string, o: Vec, alpha: number): Vec {
  if (kind === "softmax") {
    const m = Math.max(...o);
    const e = o.map((v) => Math.exp(v - m));
    const s = e.reduce((a, v) => a + v, 0);
    return e.map((v) => v / s);
  }
  return o.map((v) => ACT[kind]!.f(v, alpha));
}

function lossOf(kind: string, y: Vec, t: Vec): number {
  switch (kind) {
    case "mse":
      return 0.5 * y.reduce((s, v, i) => s + (v - t[i]!) ** 2, 0);
    case "sse":
      return y.reduce((s, v, i) => s + (v - t[i]!) ** 2, 0);
    case "cross-entropy":
      return -y.reduce((s, v, i) => s + (t[i] === 0 ? 0 : t[i]! * Math.log(v)), 0);
    case "binary-cross-entropy":
      return -y.reduce((s, v, i) => s + t[i]! * Math.log(v) + (1 - t[i]!) * Math.log(1 - v), 0);
  }
  throw new Error(kind);
}

/** dE^{(t)}/dyhat_k. */
function lossGrad(kind: string, y: Vec, t: Vec): Vec {
  switch (kind) {
    case "mse":
      return y.map((v, i) => v - t[i]!);
    case "sse":
      return y.map((v, i) => 2 * (v - t[i]!));
    case "cross-entropy":
      return y.map((v, i) => -t[i]! / v);
    case "binary-cross-entropy":
      return y.map((v, i) => -t[i]! / v + (1 - t[i]!) / (1 - v));
  }
  throw new Error(kind);
}

export interface Forward {
  E: number;
  a: Mat;
  /** h[0] is h0. */
  h: Mat;
  o: (Vec | undefined)[];
  yhat: (Vec | undefined)[];
}

export function forward(s: Sequence): Forward {
  const { U, W, V, b, c } = s.weights;
  const T = s.inputs.length;
  const h: Mat = [s.h0];
  const a: Mat = [[]];
  const o: (Vec | undefined)[] = [undefined];
  const yhat: (Vec | undefined)[] = [undefined];
  let E = 0;
  for (let t = 1; t <= T; t++) {
    a[t] = add(b, matVec(W, h[t - 1]!), matVec(U, s.inputs[t - 1]!));
    h[t] = a[t]!.map((v) => ACT[s.hidden]!.f(v, s.alpha));
    const at = s.lossSteps.indexOf(t);
    if (at < 0) continue;
    o[t] = add(c, matVec(V, h[t]!));
    yhat[t] = outputOf(s.output, o[t]!, s.alpha);
    E += lossOf(s.loss, yhat[t]!, s.targets[at]!);
  }
  return { E, a, h, o, yhat };
}

export interface Backward {
  deltaH: Mat;
  deltaO: (Vec | undefined)[];
  grads: Weights;
}

const outer = (u: Vec, v: Vec): Mat => u.map((x) => v.map((y) => x * y));
const addM = (m: Mat, n: Mat): Mat => m.map((row, i) => row.map((x, j) => x + n[i]![j]!));
const zeros = (m: Mat): Mat => m.map((row) => row.map(() => 0));

export function bptt(s: Sequence): Backward {
  const f = forward(s);
  const { W, V } = s.weights;
  const T = s.inputs.length;
  const nh = s.h0.length;
  const deltaO: (Vec | undefined)[] = [];
  const deltaH: Mat = [];
  let next: Vec = new Array<number>(nh).fill(0);
  for (let t = T; t >= 1; t--) {
    const at = s.lossSteps.indexOf(t);
    let fromOutput: Vec = new Array<number>(nh).fill(0);
    if (at >= 0) {
      const y = f.yhat[t]!;
      const gy = lossGrad(s.loss, y, s.targets[at]!);
      deltaO[t] =
        s.output === "softmax"
          ? y.map((yk, k) => y.reduce((acc, yi, i) => acc + gy[i]! * yi * ((i === k ? 1 : 0) - yk), 0))
          : f.o[t]!.map((v, k) => gy[k]! * ACT[s.output]!.d(v, s.alpha));
      fromOutput = tMatVec(V, deltaO[t]!);
    }
    const back = add(fromOutput, tMatVec(W, next));
    deltaH[t] = f.a[t]!.map((v, i) => ACT[s.hidden]!.d(v, s.alpha) * back[i]!);
    next = deltaH[t]!;
  }
  const g: Weights = {
    U: zeros(s.weights.U),
    W: zeros(s.weights.W),
    V: zeros(s.weights.V),
    b: s.weights.b.map(() => 0),
    c: s.weights.c.map(() => 0),
  };
  for (let t = 1; t <= T; t++) {
    g.U = addM(g.U, outer(deltaH[t]!, s.inputs[t - 1]!));
    g.W = addM(g.W, outer(deltaH[t]!, f.h[t - 1]!));
    g.b = add(g.b, deltaH[t]!);
    if (deltaO[t] !== undefined) {
      g.V = addM(g.V, outer(deltaO[t]!, f.h[t]!));
      g.c = add(g.c, deltaO[t]!);
    }
  }
  return { deltaH, deltaO, grads: g };
}

/** Every shared entry as [name, row, col or -1, value], in a fixed order. */
export function entries(w: Weights): [keyof Weights, number, number, number][] {
  const out: [keyof Weights, number, number, number][] = [];
  for (const k of ["U", "W", "V"] as const) w[k].forEach((row, r) => row.forEach((v, c) => out.push([k, r, c, v])));
  for (const k of ["b", "c"] as const) w[k].forEach((v, r) => out.push([k, r, -1, v]));
  return out;
}

/** The sequence with one shared entry moved by d. */
export function nudged(s: Sequence, name: keyof Weights, r: number, c: number, d: number): Sequence {
  const w = structuredClone(s.weights);
  if (c < 0) (w[name] as Vec)[r]! += d;
  else (w[name] as Mat)[r]![c]! += d;
  return { ...s, weights: w };
}
