// Command-line flags, parsed strictly by node:util's parseArgs: an unknown flag or a missing
// value is bad input. A command lists the flags it takes; adding a flag is one line here.
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
  "section-level": { type: "string" },
  author: { type: "string" },
  assets: { type: "string" },
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
    const flag = shorten(/'(-[^' ]+)/.exec(m)?.[1] ?? "arguments", 40);
    const first = m
      .split(/\. |\n/)[0]!
      .replace(/^Unknown option/, "unknown option")
      .replace(/'[^']*'/g, (q) => `'${shorten(q.slice(1, -1), 40)}'`);
    throw new InputError(flag, `${first}; allowed: ${allowed.map((f) => `--${f}`).join(", ")}`);
  }
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
