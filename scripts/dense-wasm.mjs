// The WebAssembly module of the dense kernel (src/check/dense-wasm.ts), written by hand in its
// binary form and emitted as bytes at build time (scripts/generate.mjs): two loops over f64 with
// 128-bit SIMD (f64x2), over a memory the kernel imports. All pointers are byte offsets.
//   matvec(w, strideBytes, rows, width, x, bias, out):
//     out[r] = Σ_c w[r·stride + c] x[c] (+ w[r·stride + width] where bias ≠ 0), r < rows
//   outer(g, strideBytes, rows, width, d, x, bias, add):
//     g[r·stride + c] (+)= d[r] x[c], and g[r·stride + width] (+)= d[r] where bias ≠ 0
// These are net = W y + b (forward) and ∂E/∂W = δ yᵀ, ∂E/∂b = δ (BP3, BP4), summed over the
// examples of a batch where add ≠ 0. Nothing here is trusted: the kernel's values are compared
// with the printed formulas' own before it is used (src/check/derived.ts).

const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;

/** Unsigned LEB128. */
function u32(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128. */
function s32(n) {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}

const vec = (items) => [...u32(items.length), ...items.flat()];
const section = (id, body) => [id, ...u32(body.length), ...body];
const name = (s) => vec([...new TextEncoder().encode(s)].map((c) => [c]));

// Instructions.
const get = (i) => [0x20, ...u32(i)];
const set = (i) => [0x21, ...u32(i)];
const tee = (i) => [0x22, ...u32(i)];
const i32 = (n) => [0x41, ...s32(n)];
const add = [0x6a];
const and = [0x71];
const shl = [0x74];
const geU = [0x4f];
const f64load = (offset = 0) => [0x2b, 3, ...u32(offset)];
const f64store = [0x39, 3, 0];
const f64add = [0xa0];
const f64mul = [0xa2];
const vload = (offset = 0) => [0xfd, 0x00, 3, ...u32(offset)];
const vstore = (offset = 0) => [0xfd, 0x0b, 3, ...u32(offset)];
const vzero = [0xfd, 0x0c, ...new Array(16).fill(0)];
const splat = [0xfd, 0x14];
const lane = (i) => [0xfd, 0x21, i];
const vadd = [0xfd, 0xf0, 0x01];
const vmul = [0xfd, 0xf2, 0x01];
const block = (...body) => [0x02, 0x40, ...body.flat(Infinity), 0x0b];
const loop = (...body) => [0x03, 0x40, ...body.flat(Infinity), 0x0b];
const when = (...body) => [0x04, 0x40, ...body.flat(Infinity), 0x0b];
const ifElse = (yes, no) => [0x04, 0x40, ...yes.flat(Infinity), 0x05, ...no.flat(Infinity), 0x0b];
const br = (depth) => [0x0c, ...u32(depth)];
const brIf = (depth) => [0x0d, ...u32(depth)];
const bump = (local, by) => [...get(local), ...i32(by), ...add, ...set(local)];
/** while (a < b) { body } as block/loop: `body` sits at depth 0 of the loop. */
const whileBelow = (a, b, ...body) => block(loop(get(a), get(b), geU, brIf(1), ...body, br(0)));

function matvec() {
  // params: 0 w, 1 stride, 2 rows, 3 width, 4 x, 5 bias, 6 out
  const [w, stride, rows, width, x, bias, out] = [0, 1, 2, 3, 4, 5, 6];
  // locals: 7 r, 8 p, 9 q, 10 end8, 11 endW, 12 w8B, 13 wB (i32); 14 s (f64); 15..18 acc (v128)
  const [r, p, q, end8, endW, w8B, wB, s] = [7, 8, 9, 10, 11, 12, 13, 14];
  const acc = [15, 16, 17, 18];
  const locals = vec([
    [...u32(7), I32],
    [...u32(1), F64],
    [...u32(4), V128],
  ]);
  const body = [
    ...get(width),
    ...i32(-8),
    ...and,
    ...i32(3),
    ...shl,
    ...set(w8B),
    ...get(width),
    ...i32(3),
    ...shl,
    ...set(wB),
    ...whileBelow(
      r,
      rows,
      get(w),
      set(p),
      get(x),
      set(q),
      get(w),
      get(w8B),
      add,
      set(end8),
      get(w),
      get(wB),
      add,
      set(endW),
      ...acc.map((a) => [...vzero, ...set(a)]),
      // Eight products a turn, in four independent sums of two lanes.
      whileBelow(
        p,
        end8,
        ...acc.map((a, i) => [...get(a), ...get(p), ...vload(16 * i), ...get(q), ...vload(16 * i), ...vmul, ...vadd, ...set(a)]),
        bump(p, 64),
        bump(q, 64),
      ),
      get(acc[0]),
      get(acc[1]),
      vadd,
      get(acc[2]),
      get(acc[3]),
      vadd,
      vadd,
      tee(acc[0]),
      lane(0),
      get(acc[0]),
      lane(1),
      f64add,
      set(s),
      whileBelow(p, endW, get(s), get(p), f64load(), get(q), f64load(), f64mul, f64add, set(s), bump(p, 8), bump(q, 8)),
      get(bias),
      when(get(s), get(p), f64load(), f64add, set(s)),
      get(out),
      get(s),
      f64store,
      bump(out, 8),
      get(w),
      get(stride),
      add,
      set(w),
      bump(r, 1),
    ),
    0x0b,
  ].flat(Infinity);
  return [...locals, ...body];
}

function outer() {
  // params: 0 g, 1 stride, 2 rows, 3 width, 4 d, 5 x, 6 bias, 7 add
  const [g, stride, rows, width, d, x, bias, sum] = [0, 1, 2, 3, 4, 5, 6, 7];
  // locals: 8 r, 9 p, 10 q, 11 end4, 12 endW, 13 w4B, 14 wB (i32); 15 dv (f64); 16 ds (v128)
  const [r, p, q, end4, endW, w4B, wB, dv, ds] = [8, 9, 10, 11, 12, 13, 14, 15, 16];
  const locals = vec([
    [...u32(7), I32],
    [...u32(1), F64],
    [...u32(1), V128],
  ]);
  // g (+)= ds * x, four lanes a turn, then one at a time, then the bias.
  const row = (plus) => [
    whileBelow(
      p,
      end4,
      ...[0, 16].map((o) => [
        ...get(p),
        ...(plus ? [...get(p), ...vload(o)] : []),
        ...get(ds),
        ...get(q),
        ...vload(o),
        ...vmul,
        ...(plus ? vadd : []),
        ...vstore(o),
      ]),
      bump(p, 32),
      bump(q, 32),
    ),
    whileBelow(
      p,
      endW,
      get(p),
      plus ? [...get(p), ...f64load()] : [],
      get(dv),
      get(q),
      f64load(),
      f64mul,
      plus ? f64add : [],
      f64store,
      bump(p, 8),
      bump(q, 8),
    ),
    get(bias),
    when(get(p), plus ? [...get(p), ...f64load()] : [], get(dv), plus ? f64add : [], f64store),
  ];
  const body = [
    ...get(width),
    ...i32(-4),
    ...and,
    ...i32(3),
    ...shl,
    ...set(w4B),
    ...get(width),
    ...i32(3),
    ...shl,
    ...set(wB),
    ...whileBelow(
      r,
      rows,
      get(d),
      f64load(),
      tee(dv),
      splat,
      set(ds),
      get(g),
      set(p),
      get(x),
      set(q),
      get(g),
      get(w4B),
      add,
      set(end4),
      get(g),
      get(wB),
      add,
      set(endW),
      get(sum),
      ifElse(row(true), row(false)),
      get(g),
      get(stride),
      add,
      set(g),
      bump(d, 8),
      bump(r, 1),
    ),
    0x0b,
  ].flat(Infinity);
  return [...locals, ...body];
}

/** The module's bytes: imports env.memory, exports matvec and outer. */
export function denseWasm() {
  const types = vec([
    [0x60, ...vec(new Array(7).fill([I32])), ...vec([])],
    [0x60, ...vec(new Array(8).fill([I32])), ...vec([])],
  ]);
  const imports = vec([[...name("env"), ...name("memory"), 0x02, 0x00, ...u32(1)]]);
  const functions = vec([u32(0), u32(1)]);
  const exports = vec([
    [...name("matvec"), 0x00, ...u32(0)],
    [...name("outer"), 0x00, ...u32(1)],
  ]);
  const code = vec([matvec(), outer()].map((f) => [...u32(f.length), ...f]));
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, types),
    ...section(2, imports),
    ...section(3, functions),
    ...section(7, exports),
    ...section(10, code),
  ]);
}
