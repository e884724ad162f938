// Shared by the render tests: proofs of the presets, KaTeX in strict mode, the formulas of each
// document format, the CLI as a child process, and the external tools (pdflatex, Chromium).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import katex from "katex";
import { derive } from "../../src/derive/derive.js";
import { gradientCheck, type GradientReport } from "../../src/check/gradcheck.js";
import { buildNetwork, type Network } from "../../src/network/graph.js";
import { parseSpec } from "../../src/network/spec.js";
import type { Proof } from "../../src/derive/proof.js";
import { TEMPLATE_DIR } from "../../src/cli/spec-input.js";

export const ROOT = join(TEMPLATE_DIR, "..");

/**
 * Where a test saves a screenshot: the test file's temporary folder (removed after it), or
 * SCREENSHOT_DIR when that is set, to keep them for a look.
 */
export function screenshotPath(name: string): string {
  const dir = process.env.SCREENSHOT_DIR ?? tmpdir();
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

export const PRESETS = ["seed", "sigmoid-mse", "tanh-mse", "deep-relu", "sigmoid-bce"] as const;

/** The presets of other topologies (issue 9): skips, missing edges, outputs anywhere, ties. */
export const TOPOLOGY_PRESETS = ["residual", "dense", "pruned", "two-outputs", "output-feeds", "tied-autoencoder"] as const;

export const presetSpec = (name: string): unknown => JSON.parse(readFileSync(join(TEMPLATE_DIR, "networks", `${name}.json`), "utf8"));

export interface Checked {
  readonly proof: Proof;
  readonly report: GradientReport;
}

const cache = new Map<string, Checked>();

const proofs = new Map<string, Proof>();

export const networkOf = (spec: string | object): Network => buildNetwork(parseSpec(typeof spec === "string" ? presetSpec(spec) : spec));

/** The proof of a spec (a preset name or an object) in a language. */
export function proved(spec: string | object, lang = "en"): Proof {
  const key = `${JSON.stringify(spec)}:${lang}`;
  let proof = proofs.get(key);
  if (proof === undefined) proofs.set(key, (proof = derive(networkOf(spec), { lang })));
  return proof;
}

/** The proof with its gradient check (the verification section of the documents). */
export function checked(spec: string | object, lang = "en"): Checked {
  const key = `${JSON.stringify(spec)}:${lang}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const proof = proved(spec, lang);
  const result = { proof, report: gradientCheck(proof, { seed: 1, full: false }) };
  cache.set(key, result);
  return result;
}

/** The message of KaTeX's strict mode for a formula, or undefined when it renders. */
export function katexError(latex: string): string | undefined {
  try {
    katex.renderToString(latex, { throwOnError: true, strict: "error", displayMode: true });
    return undefined;
  } catch (e) {
    return `${(e as Error).message} in: ${latex.slice(0, 200)}`;
  }
}

/** The formulas of a LaTeX body: align* lines (tag removed, & dropped) and $...$ in text. */
export function texFormulas(tex: string): string[] {
  const out: string[] = [];
  const noTags = tex.replace(/\\tag\*\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}/g, "");
  for (const m of noTags.matchAll(/\\begin\{align\*\}\n([\s\S]*?)\n\\end\{align\*\}/g)) {
    for (const line of m[1]!.split(" \\\\\n")) out.push(line.replace(/&/g, ""));
  }
  const text = noTags
    .replace(/\\begin\{align\*\}[\s\S]*?\\end\{align\*\}/g, "")
    .replace(/\\begin\{tikzpicture\}[\s\S]*?\\end\{tikzpicture\}/g, "");
  for (const m of text.matchAll(/(?<!\\)\$([^$]+)\$/g)) out.push(m[1]!);
  return out;
}

/** The formulas of a Markdown document: $$ blocks and $...$ inline (an escaped \$ is text). */
export function mdFormulas(md: string): { display: string[]; inline: string[] } {
  const display = [...md.matchAll(/^\$\$\n([\s\S]*?)\n\$\$$/gm)].map((m) => m[1]!);
  const rest = md.replace(/^\$\$\n[\s\S]*?\n\$\$$/gm, "");
  const inline = [...rest.matchAll(/(?<!\\)\$([^$\n]+?)(?<!\\)\$/g)].map((m) => m[1]!);
  return { display, inline };
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), "bpd-render-"));

export const listFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : []);

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI as users run it: a child process through tsx. */
export function cli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(ROOT, "src", "cli", "run.ts"), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_OPTIONS: "" },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Whether an external tool can run. Under CI a missing tool fails the test that needs it (the
 * tests must not pass by skipping); elsewhere the test is skipped with a visible message.
 */
export function tool(command: string, args: readonly string[]): boolean {
  const ok = spawnSync(command, args, { stdio: "ignore" }).status === 0;
  if (!ok && process.env.CI) throw new Error(`${command} is missing: CI must install it (see .ci/run)`);
  if (!ok) console.warn(`SKIPPED: ${command} is not installed; the tests that need it are skipped (they fail under CI)`);
  return ok;
}

export { CHROMIUM } from "./chromium.js";

/** pdflatex on a file in a folder: its exit code, its log, and whether a PDF came out. */
export function pdflatex(
  dir: string,
  file: string,
): Promise<{ readonly code: number | null; readonly log: string; readonly pdf: boolean }> {
  return new Promise((resolve) => {
    const child = spawn("pdflatex", ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", file], { cwd: dir });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.on("close", (code) => resolve({ code, log, pdf: existsSync(join(dir, file.replace(/\.tex$/, ".pdf"))) }));
  });
}

/** The lines of a pdflatex log that explain a failure. */
export const latexErrors = (log: string): string =>
  log
    .split("\n")
    .filter((l) => /^!|^l\.\d+/.test(l))
    .join("\n");
