// An independent convolutional network for the tests: the forward and backward passes written
// straight from the definitions with nested loops over channels, rows, columns and kernel
// offsets (cross-correlation with zero padding; the input's gradient scattered from each window;
// the kernel's gradient summed over the windows; pooling by the largest value of each window, its
// first on a tie, or by the mean, the gradient going to that first largest position or spread
// evenly), sharing no code with src/. 1-D maps are one row.
export type Map3 = number[][][];

export interface RefConv {
  readonly kind: "conv";
  readonly K: number[][][][];
  readonly b: number[];
  readonly stride: [number, number];
  readonly padding: [number, number];
  readonly act: string;
}
export interface RefDense {
  readonly kind: "dense";
  readonly W: number[][];
  readonly b: number[];
  readonly act: string;
}
export interface RefPool {
  readonly kind: "pool";
  readonly op: "max" | "average";
  readonly size: [number, number];
  readonly stride: [number, number];
  /** Always "identity": a pooled value is passed on as it is. */
  readonly act: string;
}
export type RefLayer = RefConv | RefPool | RefDense;

/** Each pooling window of a channel: its output position and the input positions it covers, in row-major order. */
function poolWindows(L: RefPool, H: number, Wd: number): { i: number; j: number; cells: [number, number][] }[] {
  const oh = Math.floor((H - L.size[0]) / L.stride[0]) + 1;
  const ow = Math.floor((Wd - L.size[1]) / L.stride[1]) + 1;
  const out: { i: number; j: number; cells: [number, number][] }[] = [];
  for (let i = 0; i < oh; i++)
    for (let j = 0; j < ow; j++) {
      const cells: [number, number][] = [];
      for (let u = 0; u < L.size[0]; u++) for (let v = 0; v < L.size[1]; v++) cells.push([L.stride[0] * i + u, L.stride[1] * j + v]);
      out.push({ i, j, cells });
    }
  return out;
}

/** The first of the window's cells with the largest value. */
function firstMax(m: number[][], cells: [number, number][]): [number, number] {
  let best = cells[0]!;
  for (const cell of cells) if (m[cell[0]]![cell[1]]! > m[best[0]]![best[1]]!) best = cell;
  return best;
}

const f = (a: string, x: number): number => {
  if (a === "tanh") return Math.tanh(x);
  if (a === "sigmoid") return 1 / (1 + Math.exp(-x));
  if (a === "relu") return Math.max(x, 0);
  if (a === "identity") return x;
  throw new Error(a);
};
const df = (a: string, x: number): number => {
  if (a === "tanh") return 1 - Math.tanh(x) ** 2;
  if (a === "sigmoid") return f(a, x) * (1 - f(a, x));
  if (a === "relu") return x > 0 ? 1 : 0;
  if (a === "identity") return 1;
  throw new Error(a);
};

const zeros = (c: number, h: number, w: number): Map3 =>
  Array.from({ length: c }, () => Array.from({ length: h }, () => new Array<number>(w).fill(0)));
const flat = (m: Map3): number[] => m.flat(2);

export interface RefPass {
  readonly E: number;
  /** Per layer: net, y and delta flattened in (channel, row, column) order. */
  readonly layers: { net: number[]; y: number[]; delta: number[] }[];
  /** Per layer: the gradients of K (or W) flattened, then b. */
  readonly gradients: number[][];
}

export function refPass(x: Map3, layers: readonly RefLayer[], targets: readonly number[], loss: string): RefPass {
  const maps: Map3[] = [x];
  const nets: Map3[] = [];
  for (const L of layers) {
    const inp = maps.at(-1)!;
    const C = inp.length;
    const H = inp[0]!.length;
    const Wd = inp[0]![0]!.length;
    if (L.kind === "pool") {
      const oh = Math.floor((H - L.size[0]) / L.stride[0]) + 1;
      const ow = Math.floor((Wd - L.size[1]) / L.stride[1]) + 1;
      const net = zeros(C, oh, ow);
      for (let c = 0; c < C; c++)
        for (const { i, j, cells } of poolWindows(L, H, Wd)) {
          if (L.op === "max") {
            const [r, q] = firstMax(inp[c]!, cells);
            net[c]![i]![j] = inp[c]![r]![q]!;
          } else net[c]![i]![j] = cells.reduce((s, [r, q]) => s + inp[c]![r]![q]!, 0) / cells.length;
        }
      nets.push(net);
      maps.push(net);
    } else if (L.kind === "dense") {
      const v = flat(inp);
      const net = L.W.map((row, n) => row.reduce((s, w, m) => s + w * v[m]!, L.b[n]!));
      nets.push([[net]]);
      if (L.act === "softmax") {
        const mx = Math.max(...net);
        const e = net.map((z) => Math.exp(z - mx));
        const s = e.reduce((a, b) => a + b, 0);
        maps.push([[e.map((z) => z / s)]]);
      } else maps.push([[net.map((z) => f(L.act, z))]]);
    } else {
      const F = L.K.length;
      const kh = L.K[0]![0]!.length;
      const kw = L.K[0]![0]![0]!.length;
      const [sh, sw] = L.stride;
      const [ph, pw] = L.padding;
      const oh = Math.floor((H + 2 * ph - kh) / sh) + 1;
      const ow = Math.floor((Wd + 2 * pw - kw) / sw) + 1;
      const net = zeros(F, oh, ow);
      for (let fi = 0; fi < F; fi++)
        for (let i = 0; i < oh; i++)
          for (let j = 0; j < ow; j++) {
            let s = L.b[fi]!;
            for (let c = 0; c < C; c++)
              for (let u = 0; u < kh; u++)
                for (let v = 0; v < kw; v++) {
                  const r = sh * i + u - ph;
                  const q = sw * j + v - pw;
                  if (r >= 0 && r < H && q >= 0 && q < Wd) s += L.K[fi]![c]![u]![v]! * inp[c]![r]![q]!;
                }
            net[fi]![i]![j] = s;
          }
      nets.push(net);
      maps.push(net.map((p) => p.map((row) => row.map((z) => f(L.act, z)))));
    }
  }
  const y = flat(maps.at(-1)!);
  const t = targets;
  let E = 0;
  const dEdy = y.map(() => 0);
  y.forEach((v, k) => {
    if (loss === "mse") (E += 0.5 * (t[k]! - v) ** 2), (dEdy[k] = v - t[k]!);
    else if (loss === "sse") (E += (t[k]! - v) ** 2), (dEdy[k] = 2 * (v - t[k]!));
    else if (loss === "cross-entropy") (E -= t[k]! * Math.log(v)), (dEdy[k] = -t[k]! / v);
    else if (loss === "binary-cross-entropy")
      (E -= t[k]! * Math.log(v) + (1 - t[k]!) * Math.log(1 - v)), (dEdy[k] = -t[k]! / v + (1 - t[k]!) / (1 - v));
    else throw new Error(loss);
  });
  // Output deltas: through the softmax's Jacobian, or elementwise.
  const last = layers.at(-1)!;
  const lastNet = flat(nets.at(-1)!);
  let delta: number[] =
    last.act === "softmax"
      ? y.map((yk, k) => y.reduce((s, yi, i) => s + dEdy[i]! * yi * ((i === k ? 1 : 0) - yk), 0))
      : lastNet.map((z, k) => dEdy[k]! * df(last.act, z));
  const deltas: number[][] = [];
  const gradients: number[][] = [];
  for (let l = layers.length - 1; l >= 0; l--) {
    deltas[l] = delta;
    const L = layers[l]!;
    const inp = maps[l]!;
    const C = inp.length;
    const H = inp[0]!.length;
    const Wd = inp[0]![0]!.length;
    const dx = zeros(C, H, Wd);
    if (L.kind === "pool") {
      const wins = poolWindows(L, H, Wd);
      for (let c = 0; c < C; c++)
        wins.forEach(({ cells }, w) => {
          const d = delta[c * wins.length + w]!;
          if (L.op === "max") {
            const [r, q] = firstMax(inp[c]!, cells);
            dx[c]![r]![q]! += d;
          } else for (const [r, q] of cells) dx[c]![r]![q]! += d / cells.length;
        });
      gradients[l] = [];
    } else if (L.kind === "dense") {
      const v = flat(inp);
      gradients[l] = [...L.W.flatMap((row, n) => row.map((_, m) => delta[n]! * v[m]!)), ...delta];
      const g = v.map((_, m) => L.W.reduce((s, row, n) => s + row[m]! * delta[n]!, 0));
      let at = 0;
      for (let c = 0; c < C; c++) for (let r = 0; r < H; r++) for (let q = 0; q < Wd; q++) dx[c]![r]![q] = g[at++]!;
    } else {
      const F = L.K.length;
      const kh = L.K[0]![0]!.length;
      const kw = L.K[0]![0]![0]!.length;
      const net = nets[l]!;
      const oh = net[0]!.length;
      const ow = net[0]![0]!.length;
      const d = (fi: number, i: number, j: number): number => delta[(fi * oh + i) * ow + j]!;
      const dK = L.K.map((a) => a.map((b) => b.map((c) => c.map(() => 0))));
      const db = L.b.map(() => 0);
      for (let fi = 0; fi < F; fi++)
        for (let i = 0; i < oh; i++)
          for (let j = 0; j < ow; j++) {
            db[fi] = db[fi]! + d(fi, i, j);
            for (let c = 0; c < C; c++)
              for (let u = 0; u < kh; u++)
                for (let v = 0; v < kw; v++) {
                  const r = L.stride[0] * i + u - L.padding[0];
                  const q = L.stride[1] * j + v - L.padding[1];
                  if (r < 0 || r >= H || q < 0 || q >= Wd) continue;
                  dK[fi]![c]![u]![v]! += d(fi, i, j) * inp[c]![r]![q]!;
                  dx[c]![r]![q]! += L.K[fi]![c]![u]![v]! * d(fi, i, j);
                }
          }
      gradients[l] = [...flat(dK.flat() as unknown as Map3), ...db];
    }
    if (l > 0) {
      const prev = layers[l - 1]!;
      const pn = flat(nets[l - 1]!);
      delta = flat(dx).map((g, i) => g * df(prev.act, pn[i]!));
    }
  }
  return {
    E,
    layers: layers.map((_, l) => ({ net: flat(nets[l]!), y: flat(maps[l + 1]!), delta: deltas[l]! })),
    gradients,
  };
}
