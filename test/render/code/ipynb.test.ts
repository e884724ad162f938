// derive --format ipynb: a notebook in nbformat 4's structure, the notes as Markdown cells and the
// NumPy code in cells after the sections they implement, whose code cells, run top to bottom,
// print what `evaluate` prints for the worked example (to 1e-12). Run with python3 always; with
// `jupyter nbconvert --execute` where it is installed (the test's name says so where it is not).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PYTHON } from "./python.js";
import { tool } from "../helpers.js";
import { files, run, tempDir, writeJson } from "../../cli/helpers.js";

// Under CI a missing nbconvert fails (CI installs it); elsewhere the test is skipped with a message.
const hasNbconvert = tool("jupyter", ["nbconvert", "--version"]);

interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: { kernelspec: { name: string; language: string } };
  cells: { cell_type: string; metadata: object; source: string[]; execution_count?: null; outputs?: unknown[] }[];
}

function close(got: unknown, want: unknown): boolean {
  if (typeof want === "number") return typeof got === "number" && Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want));
  if (typeof want !== "object" || want === null || typeof got !== "object" || got === null) return got === want;
  const [g, w] = [got as Record<string, unknown>, want as Record<string, unknown>];
  return JSON.stringify(Object.keys(g)) === JSON.stringify(Object.keys(w)) && Object.keys(w).every((k) => close(g[k], w[k]));
}

const SPECS: readonly [string, unknown][] = [
  ["the seed (matrix form)", "seed"],
  [
    "a DAG with a tie (index form)",
    {
      inputs: 2,
      nodes: [
        { from: [1, 2], activation: "tanh" },
        { from: [1, 3], activation: "sigmoid" },
      ],
      outputs: [4],
      loss: "mse",
      tied: [["w_3_1", "w_4_1"]],
    },
  ],
];

async function made(spec: unknown, extra: string[] = []): Promise<{ dir: string; nb: Notebook; path: string; specPath: string }> {
  const dir = tempDir();
  const specPath = typeof spec === "string" ? spec : writeJson(dir, "net.json", spec);
  const r = await run("derive", specPath, "--format", "ipynb", "--out", join(dir, "out"), "--no-check", "--quiet", ...extra);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  const path = join(dir, "out", "derivation.ipynb");
  return { dir, nb: JSON.parse(readFileSync(path, "utf8")) as Notebook, path, specPath };
}

/** The cell that runs one step on the worked example. */
const runCell = (cells: readonly { source: string[] }[]): number =>
  cells.findIndex((c) => c.source[0]?.startsWith("# One step on the numbers"));

/** The worked example's params, as the cell that runs it gives them: evaluated by the CLI for comparison. */
function lastParams(nb: Notebook): unknown {
  const src = nb.cells[runCell(nb.cells)]!.source.join("");
  return JSON.parse(src.slice(src.indexOf("params = ") + 9, src.lastIndexOf("print(")));
}

describe("derive --format ipynb", () => {
  for (const [name, spec] of SPECS)
    it(`${name}: nbformat 4 structure, code after its sections, runs top to bottom printing evaluate's JSON`, async () => {
      const { dir, nb, specPath } = await made(spec);
      expect(files(join(dir, "out"))).toEqual(["derivation.ipynb", "network.svg"]);
      expect([nb.nbformat, nb.nbformat_minor, nb.metadata.kernelspec.name, nb.metadata.kernelspec.language]).toEqual([
        4,
        4,
        "python3",
        "python",
      ]);
      for (const c of nb.cells) {
        expect(["markdown", "code"]).toContain(c.cell_type);
        expect(c.metadata).toEqual({});
        expect(c.source.every((s) => typeof s === "string")).toBe(true);
        // Every line but the last of a cell ends with its newline, as nbformat stores them.
        expect(c.source.slice(0, -1).every((s) => s.endsWith("\n"))).toBe(true);
        if (c.cell_type === "code") expect([c.execution_count, c.outputs]).toEqual([null, []]);
      }
      const kinds = nb.cells.map((c) => (c.cell_type === "code" ? c.source[0]!.trim() : c.source[0]!.split("\n")[0]!));
      // The forward pass right after the forward propagation's section, the backward pass after the specialised δ's.
      const at = (s: string): number => kinds.findIndex((k) => k.startsWith(s));
      expect(at("def forward(n, x):")).toBeGreaterThan(at("## Forward propagation"));
      expect(at("def forward(n, x):")).toBeLessThan(at("## Gradient descent"));
      expect(at("def backward(n):")).toBeGreaterThan(at("## Specialising"));
      expect(at("def update(n):")).toBeGreaterThan(at("## Gradient descent"));
      expect(runCell(nb.cells)).toBeGreaterThan(at("## A worked example"));
      const script = join(dir, "cells.py");
      writeFileSync(
        script,
        nb.cells
          .filter((c) => c.cell_type === "code")
          .map((c) => c.source.join(""))
          .join("\n\n"),
      );
      const printed = JSON.parse(execFileSync(PYTHON, [script], { encoding: "utf8" }));
      const e = await run("evaluate", specPath, "--params", writeJson(dir, "params.json", lastParams(nb)));
      expect(close(printed, JSON.parse(e.out.join("\n")))).toBe(true);
    });

  it("--out - writes the notebook to standard output", async () => {
    const r = await run("derive", "seed", "--format", "ipynb", "--out", "-", "--no-check");
    expect(r.code).toBe(0);
    expect((JSON.parse(r.raw) as Notebook).nbformat).toBe(4);
  });

  it.runIf(hasNbconvert)("executes with jupyter nbconvert --execute, printing evaluate's numbers", async () => {
    const { dir, path } = await made("seed");
    execFileSync("jupyter", ["nbconvert", "--to", "notebook", "--execute", "--output", "executed.ipynb", path], { stdio: "pipe" });
    const nb = JSON.parse(readFileSync(join(dir, "out", "executed.ipynb"), "utf8")) as {
      cells: { source: string[]; outputs?: { text?: string[] }[] }[];
    };
    const text = (nb.cells[runCell(nb.cells as { source: string[] }[])]!.outputs ?? []).flatMap((o) => o.text ?? []).join("");
    const e = await run("evaluate", "seed", "--params", writeJson(dir, "params.json", lastParams(JSON.parse(readFileSync(path, "utf8")))));
    expect(close(JSON.parse(text), JSON.parse(e.out.join("\n")))).toBe(true);
  });
});
