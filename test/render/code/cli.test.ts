// derive --format numpy,pytorch,js writes the programs beside the documents; run on a params
// file, each prints what `evaluate` prints for it (keys in the same order, numbers to 1e-12);
// --out - writes one program to standard output; an unknown format is refused naming both kinds.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PYTHON } from "./python.js";
import { files, run, tempDir, writeJson } from "../../cli/helpers.js";

const spec = {
  inputs: 2,
  nodes: [
    { from: [1, 2], activation: "tanh" },
    { from: [1, 3], activation: "sigmoid" },
  ],
  outputs: [4],
  loss: "mse",
  tied: [["w_3_1", "w_4_1"]],
};
const params = {
  inputs: [0.3, -0.6],
  targets: [0.25],
  eta: 0.5,
  weights: { "3": { "1": 0.4, "2": -0.7, b: 0.1 }, "4": { "3": 0.9, b: -0.2 } },
};

/** Numbers within 1e-12 of each other (relative above 1); the rest identical, keys in order. */
function close(got: unknown, want: unknown): boolean {
  if (typeof want === "number") return typeof got === "number" && Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want));
  if (typeof want !== "object" || want === null || typeof got !== "object" || got === null) return got === want;
  const [g, w] = [got as Record<string, unknown>, want as Record<string, unknown>];
  return JSON.stringify(Object.keys(g)) === JSON.stringify(Object.keys(w)) && Object.keys(w).every((k) => close(g[k], w[k]));
}

describe("derive --format numpy,pytorch,js", () => {
  it("writes backprop.py, backprop_torch.py and backprop.mjs, which print evaluate's JSON", async () => {
    const dir = tempDir();
    const specPath = writeJson(dir, "net.json", spec);
    const paramsPath = writeJson(dir, "params.json", params);
    const r = await run("derive", specPath, "--format", "md,numpy,pytorch,js", "--out", join(dir, "out"), "--no-check", "--quiet");
    expect(r.code).toBe(0);
    expect(files(join(dir, "out"))).toEqual(["backprop.mjs", "backprop.py", "backprop_torch.py", "derivation.md", "network.svg"]);
    const e = await run("evaluate", specPath, "--params", paramsPath);
    const want = JSON.parse(e.out.join("\n"));
    const js = execFileSync(process.execPath, [join(dir, "out", "backprop.mjs"), paramsPath], { encoding: "utf8" });
    expect(close(JSON.parse(js), want)).toBe(true);
    const py = execFileSync(PYTHON, [join(dir, "out", "backprop.py"), paramsPath], { encoding: "utf8" });
    expect(close(JSON.parse(py), want)).toBe(true);
    expect(readFileSync(join(dir, "out", "backprop_torch.py"), "utf8")).toMatch(/^import torch$/m);
  });

  it("--out - writes the one program asked for to standard output", async () => {
    const r = await run("derive", "seed", "--format", "js", "--out", "-", "--no-check");
    expect(r.code).toBe(0);
    expect(r.raw).toMatch(/^export function backward\(n\) \{$/m);
  });

  it("refuses an unknown format, naming the documents and the programs", async () => {
    const r = await run("derive", "seed", "--format", "numpy,rust", "--out", join(tempDir(), "o"));
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['backprop-derive: --format: unknown format "rust"; allowed: tex, html, md, json, numpy, pytorch, js, ipynb']);
  });

  it("refuses the convolutional form, and the notebook of a recurrent network, writing nothing", async () => {
    for (const [preset, format, message] of [
      [
        "conv2d",
        "md,numpy",
        "the programs (numpy, pytorch, js, ipynb) are written for layered, graph and recurrent networks, not yet for the convolutional form",
      ],
      [
        "rnn",
        "numpy,ipynb",
        "the notebook (ipynb) is written for layered and graph networks, not yet for the recurrent form; numpy, pytorch and js are",
      ],
    ] as const) {
      const out = join(tempDir(), "o");
      const r = await run("derive", preset, "--format", format, "--out", out, "--no-check");
      expect(r.code).toBe(2);
      expect(r.err).toEqual([`backprop-derive: --format: ${message}`]);
      expect(files(out)).toEqual([]);
    }
  });
});
