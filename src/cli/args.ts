// Command-line flags, parsed strictly by node:util's parseArgs: an unknown flag or a missing
// value is bad input. A command lists the flags it takes; adding a flag is one line here. An
// unknown flag is answered with the closest one the command takes, and all of them.
import { parseArgs } from "node:util";
import { InputError, shorten, shown } from "../errors.js";

export const FLAGS = {
  layers: { type: "string" },
  activation: { type: "string" },
  "output-activation": { type: "string" },
  loss: { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  seed: { type: "string" },
  "full-check": { type: "boolean" },
  params: { type: "string" },
  example: { type: "string" },
  tolerance: { type: "string" },
  template: { type: "string" },
  fragment: { type: "boolean" },
  lang: { type: "string" },
  expand: { type: "string" },
  points: { type: "string" },
  method: { type: "string" },
  digits: { type: "string" },
  "no-check": { type: "boolean" },
  cas: { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  json: { type: "boolean" },
  style: { type: "string" },
  "label-prefix": { type: "string" },
  labels: { type: "string" },
  appendix: { type: "string" },
  code: { type: "string" },
  tags: { type: "string" },
  "number-from": { type: "string" },
  "section-level": { type: "string" },
  author: { type: "string" },
  assets: { type: "string" },
  watch: { type: "boolean" },
  count: { type: "string" },
  kinds: { type: "string" },
  vary: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export type Flag = keyof typeof FLAGS;

export interface Parsed {
  readonly positionals: readonly string[];
  readonly values: Partial<Record<Flag, string | boolean>>;
}

export function parse(argv: readonly string[], allowed: readonly Flag[]): Parsed {
  const options = Object.fromEntries(allowed.map((f) => [f, FLAGS[f]]));
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { values: values as Parsed["values"], positionals };
  } catch (e) {
    const m = String((e as Error).message);
    const given = /'(-[^' ]+)/.exec(m)?.[1];
    const flag = shorten(given ?? "arguments", 40);
    if (given !== undefined && /^Unknown option/.test(m)) throw new UnknownOption(flag, unknownOption(given, allowed));
    const first = m.split(/\. |\n/)[0]!.replace(/'[^']*'/g, (q) => `'${shorten(q.slice(1, -1), 40)}'`);
    throw new InputError(flag, first);
  }
}

/**
 * An unknown flag: its message lists every flag of the command, so its line may be longer than
 * other errors' (MAX_OPTIONS_LINE); what it quotes of the user's is cut to 40 characters.
 */
export class UnknownOption extends InputError {}

/** The flags of `allowed` the user may have meant by `given`: the closest by edit distance, if close. */
export function didYouMean(given: string, allowed: readonly string[]): string | undefined {
  const word = given.replace(/^-+/, "").split("=")[0]!.toLowerCase();
  if (word === "") return undefined;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const f of allowed) {
    const d = f.startsWith(word) && word.length >= 3 ? 0.5 : editDistance(word, f);
    if (d < bestDistance) {
      best = f;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

function unknownOption(given: string, allowed: readonly Flag[]): string {
  const near = didYouMean(given, allowed);
  const hint = near === undefined ? "" : ` did you mean --${near}?`;
  return `unknown option;${hint} the options are ${allowed.map((f) => `--${f}`).join(" ")}`;
}

/** Levenshtein distance, with a transposition of neighbours counted as one edit. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

export function integerFlag(v: string | boolean | undefined, flag: string, min: number, max: number, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (typeof v !== "string" || !/^-?\d+$/.test(v) || n < min || n > max) {
    throw new InputError(flag, `is ${shown(v)}; must be a whole number from ${min} to ${max}`);
  }
  return n;
}

export function numberFlag(v: string | boolean | undefined, flag: string, min: number, max: number, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (typeof v !== "string" || v.trim() === "" || !Number.isFinite(n) || n <= min || n >= max) {
    throw new InputError(flag, `is ${shown(v)}; must be a number greater than ${min} and less than ${max}`);
  }
  return n;
}
