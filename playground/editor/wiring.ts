// The wiring a form edits besides sizes and activations, as pure functions of the spec: the
// connections between layers (absent means consecutive layers, and a set equal to that is written
// as absent, so that an untouched network stays the seed's kind), and tied weights, whose names
// hold node numbers and so follow the nodes when an edit renumbers them.
import type { Spec } from "./panel.js";

export type Pair = readonly [number, number];

export const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The spec with `key` set to `value`, or without it when the value is undefined. */
export function withKey(spec: Spec, key: string, value: unknown): Spec {
  const out = { ...spec };
  if (value === undefined) delete out[key];
  else out[key] = value;
  return out;
}

/** The default connections of `count` layers: each layer feeds the next. */
export const consecutive = (count: number): Pair[] => Array.from({ length: Math.max(0, count - 1) }, (_, i): Pair => [i, i + 1]);

/** The connections a layered spec has: as given (when they are pairs of numbers), else consecutive. */
export function connectionsOf(spec: Spec): Pair[] {
  const count = Array.isArray(spec.layers) ? spec.layers.length : 0;
  if (!Array.isArray(spec.connections)) return consecutive(count);
  return spec.connections.filter((p): p is Pair => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === "number"));
}

const key = (p: Pair): string => `${p[0]},${p[1]}`;

/** The spec with these connections: sorted, each once, and no key at all when they are the default. */
export function withConnections(spec: Spec, pairs: readonly Pair[]): Spec {
  const seen = new Set<string>();
  const sorted = [...pairs].filter((p) => !seen.has(key(p)) && seen.add(key(p))).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const count = Array.isArray(spec.layers) ? spec.layers.length : 0;
  const plain = consecutive(count);
  const out: Spec = {};
  const isDefault = sorted.length === plain.length && sorted.every((p, i) => key(p) === key(plain[i]!));
  // In the place the key had, or after the layers.
  for (const [k, v] of Object.entries(spec)) {
    if (k === "connections") continue;
    out[k] = v;
    if (k === "layers" && !isDefault) out.connections = sorted.map((p) => [p[0], p[1]]);
  }
  if (!isDefault && !("connections" in out)) out.connections = sorted.map((p) => [p[0], p[1]]);
  // allowDead applies to connections only: it goes with them.
  if (isDefault) delete out.allowDead;
  return out;
}

/**
 * The connections after the layers are re-indexed by `layerMap` (old index to new, undefined for
 * a layer removed); a layer inserted at `inserted` joins the chain between its neighbours, in
 * place of a connection that jumped over it.
 */
export function moveConnections(pairs: readonly Pair[], layerMap: (l: number) => number | undefined, inserted?: number): Pair[] {
  const out: Pair[] = [];
  for (const [a, b] of pairs) {
    const [x, y] = [layerMap(a), layerMap(b)];
    if (x === undefined || y === undefined || x >= y) continue;
    if (inserted !== undefined && x === inserted - 1 && y === inserted + 1) continue;
    out.push([x, y]);
  }
  if (inserted !== undefined) out.push([inserted - 1, inserted], [inserted, inserted + 1]);
  return out;
}

/** A tied weight name's node numbers: w_5_4 is [5, 4], w_b_5 is [5, "b"]; undefined if it is no name. */
function parseName(name: unknown): [number, number | "b"] | undefined {
  if (typeof name !== "string") return undefined;
  const bias = /^w_b_(\d+)$/.exec(name);
  if (bias) return [Number(bias[1]), "b"];
  const edge = /^w_(\d+)_(\d+)$/.exec(name);
  return edge ? [Number(edge[1]), Number(edge[2])] : undefined;
}

/**
 * The tied groups with each node number mapped (undefined: the node is gone, and so is the name);
 * a group left with fewer than 2 names is dropped, and so is the key when no group is left.
 * Names that are no weight name stay as typed, for the spec's check to name.
 */
export function remapTied(spec: Spec, map: (k: number) => number | undefined): Spec {
  if (!Array.isArray(spec.tied)) return spec;
  const groups = spec.tied.map((g) =>
    Array.isArray(g)
      ? g.flatMap((name): unknown[] => {
          const p = parseName(name);
          if (p === undefined) return [name];
          const to = map(p[0]);
          const from = p[1] === "b" ? "b" : map(p[1]);
          if (to === undefined || from === undefined) return [];
          return [from === "b" ? `w_b_${to}` : `w_${to}_${from}`];
        })
      : g,
  );
  const kept = groups.filter((g) => !Array.isArray(g) || g.length >= 2);
  const out = { ...spec };
  if (kept.length === 0) delete out.tied;
  else out.tied = kept;
  return out;
}

/** Node numbers of a layered network, old to new, when its sizes and layers change (`layerMap` as above). */
export function layeredNodeMap(
  before: readonly unknown[],
  after: readonly unknown[],
  layerMap: (l: number) => number | undefined,
): (k: number) => number | undefined {
  const starts = (sizes: readonly unknown[]): number[] => {
    const s: number[] = [];
    let next = 1;
    for (const n of sizes) {
      s.push(next);
      next += typeof n === "number" && Number.isInteger(n) && n > 0 ? n : 0;
    }
    return s;
  };
  const [a, b] = [starts(before), starts(after)];
  return (k) => {
    for (let l = before.length - 1; l >= 0; l--) {
      if (k < a[l]!) continue;
      const pos = k - a[l]!;
      const size = before[l];
      if (typeof size !== "number" || pos >= size) return undefined;
      const m = layerMap(l);
      if (m === undefined) return undefined;
      const newSize = after[m];
      return typeof newSize === "number" && pos < newSize ? b[m]! + pos : undefined;
    }
    return undefined;
  };
}

/** Whether the tied editor can show the spec's tied key: absent, or groups of strings. */
export const drawableTied = (spec: Spec): boolean =>
  spec.tied === undefined ||
  (Array.isArray(spec.tied) && spec.tied.every((g) => Array.isArray(g) && g.every((n) => typeof n === "string")));

/** Tied groups as the editor shows them: one line of names each. */
export const tiedLines = (spec: Spec): string[] =>
  Array.isArray(spec.tied) ? spec.tied.map((g) => (Array.isArray(g) ? g.map(String).join(", ") : String(g))) : [];

/** The words of a line of names or numbers: split at commas and spaces. */
export const words = (text: string): string[] => text.split(/[\s,]+/).filter((w) => w !== "");

/** The spec with these tied lines (blank lines left out; no key when none is left). */
export function withTied(spec: Spec, lines: readonly string[]): Spec {
  const groups = lines.map(words).filter((g) => g.length > 0);
  const out = { ...spec };
  if (groups.length === 0) delete out.tied;
  else out.tied = groups;
  return out;
}
