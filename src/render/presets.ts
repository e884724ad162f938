// The preset networks, templates/networks/*.json, as the library has them built in: a program or
// a web page lists them without reading a file, and a preset added there appears by itself.
import { bundledFile, bundledFiles } from "./template.js";

/** Every preset's spec, by name ("seed", "sigmoid-mse", ...), in the order of their names. */
export function presets(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const file of bundledFiles().sort()) {
    const m = /^networks\/([^/]+)\.json$/.exec(file);
    if (m !== null) out[m[1]!] = JSON.parse(bundledFile(file)!);
  }
  return out;
}
