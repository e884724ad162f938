// The network spec from a file, standard input, a preset name, or flags; flags override the
// spec's fields. A SPEC is a file when it contains a "/" or ends in ".json" (so ./seed is the
// file, seed the preset), standard input when it is "-", and otherwise the name of a preset
// bundled with the package from templates/networks/.
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { InputError, shorten } from "../errors.js";
import { buildNetwork, type Network } from "../network/graph.js";
import { DEFAULT_SPEC, parseSpec } from "../network/spec.js";
import { bundledFile, bundledFiles } from "../render/template.js";
import type { Parsed } from "./args.js";
import { readJson, type Stdin } from "./io.js";

/** templates/ of the checkout or the installed package (src/cli and dist/cli are both two levels down). */
export const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "templates");
export const PRESET_DIR = join(TEMPLATE_DIR, "networks");

/** The presets' names, from the bundled templates/networks/*.json. */
export const presetNames = (): string[] =>
  bundledFiles()
    .filter((f) => /^networks\/[^/]+\.json$/.test(f))
    .map((f) => f.slice("networks/".length, -".json".length));

export const isPath = (spec: string): boolean => spec === "-" || spec.includes("/") || spec.includes("\\") || /\.json$/i.test(spec);

/** The name a spec's outputs go under when several are derived at once: OUT/<name>/. */
export const specName = (spec: string): string => (spec === "-" ? "stdin" : basename(spec).replace(/\.json$/i, ""));

function specSource(spec: string | undefined, stdin?: Stdin): Record<string, unknown> | undefined {
  if (spec === undefined) return undefined;
  let value: unknown;
  if (isPath(spec)) value = readJson(spec, "SPEC", stdin);
  else {
    const text = bundledFile(`networks/${spec}.json`);
    if (text === undefined) {
      throw new InputError(
        "SPEC",
        `no preset named "${shorten(spec)}"; presets: ${presetNames().join(", ")} (a file is named with a path: ./${shorten(spec)})`,
      );
    }
    value = JSON.parse(text);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new InputError("SPEC", `${spec === "-" ? "standard input" : shorten(spec)} must hold a JSON object`);
  return value as Record<string, unknown>;
}

function parseLayersFlag(v: string): number[] {
  const parts = v.split(",");
  return parts.map((p, i) => {
    const n = Number(p.trim());
    if (p.trim() === "" || !Number.isFinite(n))
      throw new InputError("--layers", `entry ${i + 1} is "${shorten(p)}"; give sizes like 3,2,2`);
    return n;
  });
}

/** An activation or loss flag: a name, or JSON such as {"custom":"x/(1+abs(x))"}. */
function nameOrJson(v: string, flag: string): unknown {
  if (!/^\s*[{["]/.test(v)) return v;
  try {
    return JSON.parse(v);
  } catch (e) {
    throw new InputError(
      flag,
      `is not valid JSON: ${shorten(String((e as Error).message).split("\n")[0]!, 100)}; give a name or e.g. '{"custom": "x / (1 + abs(x))"}'`,
    );
  }
}

/** Whether any flag describes the network. */
export const networkFlagged = (f: Parsed["values"]): boolean =>
  f.layers !== undefined || f.activation !== undefined || f["output-activation"] !== undefined || f.loss !== undefined;

/** The network of one SPEC (or of the flags alone, or the seed's when there is neither). */
export function networkFrom(args: Parsed, spec = args.positionals[0], stdin?: Stdin): Network {
  const file = specSource(spec, stdin);
  const f = args.values;
  const base = file ?? (networkFlagged(f) ? {} : DEFAULT_SPEC);
  const source: Record<string, unknown> = { ...base };
  if (typeof f.layers === "string") source.layers = parseLayersFlag(f.layers);
  if (typeof f.activation === "string") {
    source.activation = nameOrJson(f.activation, "--activation");
    delete source.activations;
  }
  if (typeof f["output-activation"] === "string") {
    source.outputActivation = nameOrJson(f["output-activation"], "--output-activation");
    delete source.activations;
  }
  if (typeof f.loss === "string") source.loss = nameOrJson(f.loss, "--loss");
  if (file === undefined && source.layers === undefined) source.layers = [...DEFAULT_SPEC.layers];
  return buildNetwork(parseSpec(source));
}
