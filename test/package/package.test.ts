// The package as a user gets it: packed to a tarball (which builds dist/ through prepare),
// installed into a fresh folder outside the checkout with --engine-strict, then imported by plain
// Node (ESM, and require), type-checked by a strict TypeScript consumer under both module
// resolutions, and run as a command from that folder, with the CAS cross-check made.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../render/helpers.js";

/** Generous: packing builds the package, installing may fetch from the registry on a cold cache. */
const BUDGET_MS = 300_000;
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
let app = "";

const sh = (cmd: string, args: readonly string[], cwd: string) => {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: "utf8",
    timeout: BUDGET_MS,
    env: { ...process.env, NODE_OPTIONS: "", npm_config_loglevel: "error" },
  });
  return { code: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
};

describe("the packed package, installed in a fresh folder", { timeout: BUDGET_MS }, () => {
  beforeAll(() => {
    const work = mkdtempSync(join(tmpdir(), "bpd-package-"));
    const packed = execFileSync(NPM, ["pack", "--silent", "--pack-destination", work], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: BUDGET_MS,
      env: { ...process.env, NODE_OPTIONS: "" },
    })
      .trim()
      .split("\n")
      .at(-1)!;
    app = join(work, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    const r = sh(NPM, ["install", "--engine-strict", "--prefer-offline", "--no-audit", "--no-fund", join(work, packed)], app);
    if (r.code !== 0) throw new Error(`npm install of the tarball failed: ${r.stderr.slice(-2000)}`);
  }, BUDGET_MS);

  it("ships the compiled JavaScript, its declarations and the schemas, not the TypeScript sources", () => {
    const pkg = join(app, "node_modules", "backprop-derive");
    const list = sh(
      process.execPath,
      ["-e", "console.log(require('fs').readdirSync(process.argv[1]).sort().join(','))", pkg],
      app,
    ).stdout.trim();
    expect(list.split(",")).toEqual(expect.arrayContaining(["README.md", "bin", "dist", "package.json", "schema", "templates"]));
    expect(list).not.toContain("src");
    expect(readFileSync(join(pkg, "dist", "index.d.ts"), "utf8")).toContain("export");
    const schema = JSON.parse(readFileSync(join(pkg, "schema", "spec.schema.json"), "utf8"));
    expect(schema.properties.layers.items.maximum).toBe(10000);
  });

  it("imports under plain Node, as ESM and through require, and renders every format in memory", () => {
    const script = `
      import { buildNetwork, derive, FORMATS, gradientCheck, parseSpec } from "backprop-derive";
      const proof = derive(buildNetwork(parseSpec({ "$schema": "x", layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" })));
      const report = gradientCheck(proof, { seed: 1 });
      const names = Object.values(FORMATS).flatMap((f) => f({ proof, report }, {}).map((file) => file.name));
      console.log(JSON.stringify({ failed: report.failed, names: names.length, delta: proof.results.delta.size }));`;
    writeFileSync(join(app, "use.mjs"), script);
    const esm = sh(process.execPath, ["use.mjs"], app);
    expect(esm.stderr).toBe("");
    // tex; html (one self-contained page); md and network.svg; json.
    expect(JSON.parse(esm.stdout)).toEqual({ failed: 0, names: 1 + 1 + 2 + 1, delta: 4 });
    const cjs = sh(
      process.execPath,
      ["--no-warnings", "-e", "const m = require('backprop-derive'); console.log(typeof m.derive, typeof m.parseSpec)"],
      app,
    );
    expect(cjs.stdout.trim()).toBe("function function");
  });

  it.each(["nodenext", "bundler"])("type-checks a strict TypeScript consumer (moduleResolution %s) with no extra @types", (resolution) => {
    const dir = join(app, `ts-${resolution}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, "index.ts"),
      `import { buildNetwork, derive, FORMATS, InputError, parseSpec, toLatex, type Proof } from "backprop-derive";
const proof: Proof = derive(buildNetwork(parseSpec({ layers: [2, 2, 1] })));
const latex: string = toLatex(proof.results.delta.get(3)!);
const files = FORMATS.md({ proof }, { expand: 4 });
const e: InputError = new InputError("layers", "x");
export const used = [latex, files.length, e.field];
`,
    );
    const module = resolution === "nodenext" ? "nodenext" : "esnext";
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module,
          moduleResolution: resolution,
          target: "es2022",
          skipLibCheck: false,
          types: [],
        },
        files: ["index.ts"],
      }),
    );
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    const r = sh(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", dir], dir);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("runs as a command from another folder: --version, derive with the CAS cross-check, check", () => {
    const bin = join(app, "node_modules", ".bin", "backprop-derive");
    const version = sh(bin, ["--version"], app);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version);
    const derive = sh(bin, ["derive", "sigmoid-mse", "--cas", "--out", "docs"], app);
    expect(derive.stderr).toBe("");
    expect(derive.code).toBe(0);
    expect(derive.stdout).toMatch(/cas cross-check \(nerdamer-prime, \w+\): 36 comparisons at 3 points: 36 agreed, 0 disagreed/);
    expect(readFileSync(join(app, "docs", "derivation.md"), "utf8")).toContain("nerdamer-prime differentiated E");
    const check = sh(bin, ["check", "seed", "--json"], app);
    expect(check.code).toBe(0);
    const report = JSON.parse(check.stdout);
    expect(report.passed).toBe(true);
    expect(report.cas.checked).toBe(true);
    expect(report.cas.failed).toBe(0);
  });
});
