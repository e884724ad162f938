// The network spec from a file, a preset name, or flags; flags override the file's fields.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { buildNetwork, type Network } from "../network/graph.js";
import { DEFAULT_SPEC, parseSpec } from "../network/spec.js";
import { TEMPLATE_DIR } from "../render/template.js";
import type { Parsed } from "./args.js";
import { readJson } from "./io.js";

export const PRESET_DIR = join(TEMPLATE_DIR, "networks");

function specSource(path: string | undefined): Record<string, unknown> | undefined {
  if (path === undefined) return undefined;
  const preset = join(PRESET_DIR, `${path}.json`);
  const file = existsSync(path) || !existsSync(preset) ? path : preset;
  const v = readJson(file, "SPEC");
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new InputError("SPEC", `${file} must hold a JSON object`);
  return v as Record<string, unknown>;
}

function parseLayersFlag(v: string): number[] {
  const parts = v.split(",");
  return parts.map((p, i) => {
    const n = Number(p.trim());
    if (p.trim() === "" || !Number.isFinite(n)) throw new InputError("--layers", `entry ${i + 1} is "${p}"; give sizes like 3,2,2`);
    return n;
  });
}

export function networkFrom(args: Parsed): Network {
  const file = specSource(args.positionals[0]);
  const f = args.values;
  const flagged = f.layers !== undefined || f.activation !== undefined || f["output-activation"] !== undefined || f.loss !== undefined;
  const spec: Record<string, unknown> = { ...(file ?? (flagged ? {} : DEFAULT_SPEC)) };
  if (typeof f.layers === "string") spec.layers = parseLayersFlag(f.layers);
  if (typeof f.activation === "string") {
    spec.activation = f.activation;
    delete spec.activations;
  }
  if (typeof f["output-activation"] === "string") {
    spec.outputActivation = f["output-activation"];
    delete spec.activations;
  }
  if (typeof f.loss === "string") spec.loss = f.loss;
  if (file === undefined && spec.layers === undefined) spec.layers = [...DEFAULT_SPEC.layers];
  return buildNetwork(parseSpec(spec));
}
