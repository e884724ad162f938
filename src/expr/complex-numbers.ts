// Complex arithmetic for complex-step differentiation: f'(x) = Im f(x + ih) / h with h = 1e-20,
// exact to machine precision because no difference of nearby values is taken. Plain functions,
// no imports: the registry of built-in functions (functions.ts) gives each its complex form here.
export interface Complex {
  readonly re: number;
  readonly im: number;
}

/** A function that does not extend to complex arguments (relu, |x|) was reached by one. */
export class NotAnalytic extends Error {}

export const cx = (re: number, im = 0): Complex => ({ re, im });
export const ZERO: Complex = cx(0);
export const ONE: Complex = cx(1);

export const cadd = (a: Complex, b: Complex): Complex => cx(a.re + b.re, a.im + b.im);
export const csub = (a: Complex, b: Complex): Complex => cx(a.re - b.re, a.im - b.im);
export const cmul = (a: Complex, b: Complex): Complex => cx(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
export const cscale = (a: Complex, s: number): Complex => cx(a.re * s, a.im * s);

export function cdiv(a: Complex, b: Complex): Complex {
  // Smith's algorithm: no overflow from squaring the larger part.
  if (Math.abs(b.re) >= Math.abs(b.im)) {
    const r = b.im / b.re;
    const d = b.re + b.im * r;
    return cx((a.re + a.im * r) / d, (a.im - a.re * r) / d);
  }
  const r = b.re / b.im;
  const d = b.re * r + b.im;
  return cx((a.re * r + a.im) / d, (a.im * r - a.re) / d);
}

export const cexp = (a: Complex): Complex => {
  const m = Math.exp(a.re);
  return a.im === 0 ? cx(m) : cx(m * Math.cos(a.im), m * Math.sin(a.im));
};

export const clog = (a: Complex): Complex =>
  a.im === 0 && a.re >= 0 ? cx(Math.log(a.re)) : cx(Math.log(Math.hypot(a.re, a.im)), Math.atan2(a.im, a.re));

export function cpow(a: Complex, e: Complex): Complex {
  if (e.im === 0 && Number.isInteger(e.re) && Math.abs(e.re) <= 64) {
    // Repeated squaring keeps integer powers exact in the real part, as Math.pow does.
    let n = Math.abs(e.re);
    let r = ONE;
    let x = a;
    while (n > 0) {
      if (n & 1) r = cmul(r, x);
      x = cmul(x, x);
      n >>= 1;
    }
    return e.re < 0 ? cdiv(ONE, r) : r;
  }
  if (a.im === 0 && e.im === 0 && a.re > 0) return cx(a.re ** e.re);
  if (a.re === 0 && a.im === 0) return ZERO;
  return cexp(cmul(e, clog(a)));
}

/** tanh(a + ib) = (tanh a + i tan b) / (1 + i tanh a tan b): stable for any a. */
export function ctanh(z: Complex): Complex {
  const t = Math.tanh(z.re);
  if (z.im === 0) return cx(t);
  const u = Math.tan(z.im);
  return cdiv(cx(t, u), cx(1, t * u));
}

/** sigma(z) = 1 / (1 + e^{-z}), written so that e^{...} never overflows. */
export function csigma(z: Complex): Complex {
  if (z.re >= 0) return cdiv(ONE, cadd(ONE, cexp(cscale(z, -1))));
  const e = cexp(z);
  return cdiv(e, cadd(ONE, e));
}

/** softplus(z) = ln(1 + e^z) = max(re z, 0) + ln(1 + e^{-|z|}) on the real axis. */
export function csoftplus(z: Complex): Complex {
  if (z.re > 0) return cadd(z, clog1p(cexp(cscale(z, -1))));
  return clog1p(cexp(z));
}

/**
 * ln(1 + w) without forming 1 + w where w is small (1 + 1e-46 is 1 in double precision, which
 * lost softplus(-105) and the complex step's imaginary part with it): its series to w^4 there.
 */
export function clog1p(w: Complex): Complex {
  if (Math.hypot(w.re, w.im) >= 1e-4) return clog(cadd(ONE, w));
  const w2 = cmul(w, w);
  const w3 = cmul(w2, w);
  return cadd(cadd(w, cscale(w2, -1 / 2)), cadd(cscale(w3, 1 / 3), cscale(cmul(w2, w2), -1 / 4)));
}
