// The package as a user gets it: packed to a tarball (which builds dist/ through prepare),
// installed into a fresh folder outside the checkout with --engine-strict, then imported by plain
// Node (ESM, and require), type-checked by a strict TypeScript consumer under both module
// resolutions, and run as a command from that folder, with the CAS cross-check made.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../render/helpers.js";
import { libraryExample } from "./readme.js";

/** Generous: packing builds the package, installing may fetch from the registry on a cold cache. */
const BUDGET_MS = 300_000;
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
let app = "";
let work = "";

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
    work = mkdtempSync(join(tmpdir(), "bpd-package-"));
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
  afterAll(() => {
    if (work !== "") rmSync(work, { recursive: true, force: true });
  });

  it("ships the compiled JavaScript, its declarations and the schemas, not the TypeScript sources", () => {
    const pkg = join(app, "node_modules", "backprop-derive");
    const list = sh(
      process.execPath,
      ["-e", "console.log(require('fs').readdirSync(process.argv[1]).sort().join(','))", pkg],
      app,
    ).stdout.trim();
    expect(list.split(",")).toEqual(
      expect.arrayContaining(["CHANGELOG.md", "LICENSE", "README.md", "bin", "dist", "package.json", "schema", "templates"]),
    );
    expect(list).not.toContain("src");
    expect(readFileSync(join(pkg, "LICENSE"), "utf8")).toMatch(/^MIT License/);
    expect(readFileSync(join(pkg, "dist", "index.d.ts"), "utf8")).toContain("export");
    // The command runs from its bundle: the compiled modules it was bundled from are not shipped.
    expect(existsSync(join(pkg, "dist", "bin", "run.js"))).toBe(true);
    expect(existsSync(join(pkg, "dist", "cli"))).toBe(false);
    for (const name of ["spec.schema.json", "spec.draft-07.schema.json"]) {
      const schema = JSON.parse(readFileSync(join(pkg, "schema", name), "utf8"));
      expect(schema.properties.layers.items.maximum, name).toBe(10000);
    }
    expect(JSON.parse(readFileSync(join(pkg, "schema", "params.draft-07.schema.json"), "utf8")).$schema).toMatch(/\/draft-07\/schema#$/);
  });

  it("runs the README's Library example exactly as printed", () => {
    writeFileSync(join(app, "readme.ts"), `${libraryExample()}\nconsole.log(contentText(files[0]!.content).length > 0);\n`);
    const r = sh(process.execPath, ["--import", join(ROOT, "node_modules", "tsx", "dist", "esm", "index.mjs"), "readme.ts"], app);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("true");
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
      `import { buildNetwork, contentText, derive, FORMATS, InputError, parseSpec, toLatex, type Proof } from "backprop-derive";
const proof: Proof = derive(buildNetwork(parseSpec({ layers: [2, 2, 1] })));
const latex: string = toLatex(proof.results.delta.get(3)!);
const files = FORMATS.md({ proof }, { expand: 4 });
const e: InputError = new InputError("layers", "x");
const text: string = contentText(files[0]!.content as string);
export const used = [latex, files.length, e.field, text];
`,
    );
    // The README's Library example type-checks as printed, in the same strict project.
    writeFileSync(join(dir, "readme.ts"), `${libraryExample()}\nexport {};\n`);
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
        files: ["index.ts", "readme.ts"],
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
