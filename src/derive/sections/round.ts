// How the worked examples round every number they print.

/** v to `digits` significant digits. */
export const round = (v: number, digits: number): number => (Number.isFinite(v) ? Number(v.toPrecision(digits)) || 0 : v);
