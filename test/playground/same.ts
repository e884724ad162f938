import { decodeSteps } from "../render/json-decode.js";

// Comparing what the library makes in Chromium with what it makes in Node (or the command line).
// The symbolic work is the same to the byte in both. The numeric checks are not: Chromium's
// Math.exp, Math.log and Math.pow differ from Node 20's in the last bit for about one argument in
// ten, and a relative error of 1e-10 between two nearly equal numbers is made of such bits. So a
// checked document is compared through its JSON: every key, string and boolean equal, and every
// number equal to within a relative 1e-6 (the checks' own tolerance is 1e-5), after the steps are
// read back one by one (a block writes a check once for the steps that share it, and whether two
// steps share one depends on those last bits). A worked example
// checks its own numbers and prints the largest relative error: that figure alone is masked.

/** The first difference between two JSON values (numbers within `tolerance`), or undefined. */
export function jsonDifference(a: unknown, b: unknown, tolerance = 1e-6, path = "$"): string | undefined {
  if (typeof a === "number" && typeof b === "number") {
    return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b)) ? undefined : `${path}: ${a} and ${b}`;
  }
  // Prose that quotes a relative error ("largest relative error 5.64e-10") is compared without it.
  if (typeof a === "string" && typeof b === "string")
    return maskRelativeErrors(a) === maskRelativeErrors(b)
      ? undefined
      : `${path}: ${JSON.stringify(a).slice(0, 80)} and ${JSON.stringify(b).slice(0, 80)}`;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object" || typeof b !== "object") {
    return Object.is(a, b) ? undefined : `${path}: ${JSON.stringify(a)?.slice(0, 80)} and ${JSON.stringify(b)?.slice(0, 80)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: an array and an object`;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  if (ka.join("\u0000") !== kb.join("\u0000")) return `${path}: keys ${ka.join(",").slice(0, 120)} and ${kb.join(",").slice(0, 120)}`;
  for (const k of ka) {
    const d = jsonDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tolerance, `${path}.${k}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

/** A document with every figure in exponential notation (a relative error, 5.64e-10) made "#". */
export const maskRelativeErrors = (text: string): string => text.replace(/\b\d(?:\.\d+)?e[-+]?\d+\b/g, "#");

/** The first difference between two derivation.json documents (text), as jsonDifference judges it. */
export function derivationDifference(a: string, b: string): string | undefined {
  const read = (text: string): unknown => {
    const doc = JSON.parse(text) as { sections: { blocks: { kind: string }[] }[] };
    const prose = doc.sections.map((s) => ({ ...s, blocks: s.blocks.filter((x) => x.kind !== "steps") }));
    return { ...doc, sections: prose, steps: decodeSteps(doc) };
  };
  return jsonDifference(read(a), read(b));
}
