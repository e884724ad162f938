// The README's Library section, read as a user reads it: its example runs as printed (the
// package's name mapped to the sources; test/package/package.test.ts runs it verbatim against
// the installed tarball), and every function it names is one the package exports.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import * as lib from "../../src/index.js";
import { ROOT } from "../render/helpers.js";
import { libraryExample, readmeSection } from "./readme.js";

/**
 * The names the section documents as the package's: those its example imports, and every code
 * span that is an identifier alone or an identifier called (`contentText(file.content)`), less
 * the words it uses for options, fields and stages of what those functions take and return.
 */
const NOT_EXPORTS = new Set([
  "progress",
  "content",
  "field",
  "expand",
  "fragment",
  "template",
  "lang",
  "steps",
  "chunks",
  "length",
  "at",
  "deriving",
  "name",
  "text",
  // TypeScript's own types.
  "ReadonlyMap",
  "string",
]);

/** Every name src/index.ts exports, values and types. */
const EXPORTED = new Set(
  [...readFileSync(join(ROOT, "src", "index.ts"), "utf8").matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((m) =>
    m[1]!.split(",").map((s) => s.trim().replace(/^type /, "")),
  ),
);

function documentedNames(): string[] {
  const section = readmeSection("Library");
  const imported = /import \{([^}]*)\} from "backprop-derive"/.exec(libraryExample())![1]!.split(",");
  const spans = [...section.matchAll(/`([A-Za-z_$][\w$]*)(?:\([^`]*\))?`/g)].map((m) => m[1]!);
  return [...new Set([...imported.map((s) => s.trim()), ...spans])].filter((n) => n !== "" && !NOT_EXPORTS.has(n)).sort();
}

const dir = mkdtempSync(join(tmpdir(), "bpd-readme-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the README's Library section", () => {
  it("has an example that imports from the package by its name", () => {
    expect(libraryExample()).toMatch(/from "backprop-derive";/);
  });

  it("runs its example as printed, and the example's comments tell the truth", async () => {
    const source = libraryExample().replace(
      `from "backprop-derive"`,
      `from ${JSON.stringify(pathToFileURL(join(ROOT, "src", "index.ts")).href)}`,
    );
    // The example's last values, exported so that the test can read them.
    const file = join(dir, "example.ts");
    writeFileSync(file, `${source}\nexport { network, proof, report, steps, files, mine };\n`);
    const m = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const proof = m.proof as lib.Proof;
    expect(lib.toLatex(proof.results.delta.get(4)!)).toMatch(/^y_4 \\left\(1 - y_4\\right\) \\left\(\\delta_6 w_\{64\} \+ /);
    expect((m.report as lib.GradientReport).failed).toBe(0);
    expect((m.steps as lib.StepReport).failed).toBe(0);
    const files = m.files as lib.OutputFile[];
    expect(files.map((f) => f.name)).toEqual(["derivation.html"]);
    expect(lib.contentText(files[0]!.content as string)).toMatch(/^<!DOCTYPE html>/i);
    const mine = m.mine as lib.OutputFile[];
    expect(mine.map((f) => f.name)).toEqual(["derivation.md", "network.svg"]);
    expect(lib.contentText(mine[0]!.content as string)).toBe("# Forward and backward propagation for the network \\[3, 2, 2\\]");
  });

  it("names only functions and values that the package exports", () => {
    const names = documentedNames();
    expect(names).toEqual(
      expect.arrayContaining(["casCrossCheck", "contentText", "derive", "presets", "toLatex", "toText", "evaluate", "InputError"]),
    );
    expect(names.filter((n) => !EXPORTED.has(n))).toEqual([]);
    // A documented function (a lower-case name) is a function of the module, not a type only.
    const functions = names.filter((n) => /^[a-z]/.test(n));
    expect(functions.length).toBeGreaterThan(10);
    expect(functions.filter((n) => typeof (lib as Record<string, unknown>)[n] !== "function")).toEqual([]);
  });
});
