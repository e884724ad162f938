// The folder order of DESIGN.md, enforced: each folder under src/ imports only folders to its
// left (expr, simplify, rules, network, oracle, derive, check, verify, exercises, render, cli), the oracle never
// imports derive (it must stay independent of the derivation it checks), and the folders that
// must run in a browser import no node: module.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(import.meta.dirname, "../src");
const ORDER = ["expr", "simplify", "rules", "network", "oracle", "derive", "check", "verify", "exercises", "render", "cli"];
/** Folders whose code must run in a browser (test/package/browser.test.ts runs it there); cli/ never is. */
const BROWSER = ["expr", "simplify", "rules", "network", "oracle", "derive", "check", "verify", "exercises", "render"];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

interface Import {
  readonly file: string;
  readonly spec: string;
}

/** Static imports and re-exports, and dynamic import("...") with a literal argument. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const out: Import[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/g)) out.push({ file, spec: m[1]! });
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+"([^"]+)"/g)) out.push({ file, spec: m[1]! });
  for (const m of text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)) out.push({ file, spec: m[1]! });
  return out;
}

/** The top folder of a file under src/, or "" for a file at src/'s root. */
const folderOf = (file: string): string => {
  const parts = relative(SRC, file).split(/[\\/]/);
  return parts.length > 1 ? parts[0]! : "";
};

const all = files(SRC).flatMap(importsOf);

/** Imports that break the order: a folder importing one to its right, or anything importing the front door. */
function violations(imports: readonly Import[]): string[] {
  const wrong: string[] = [];
  for (const imp of imports) {
    if (!imp.spec.startsWith(".")) continue;
    const target = resolve(dirname(imp.file), imp.spec);
    const from = folderOf(imp.file);
    const to = folderOf(target);
    const what = `${relative(SRC, imp.file)} imports ${imp.spec}`;
    // src/errors.ts is shared by every stage; src/index.ts is the library's front door, imported by none.
    if (to === "") {
      if (relative(SRC, target).startsWith("index")) wrong.push(what);
    } else if (from !== "" && ORDER.indexOf(to) > ORDER.indexOf(from)) wrong.push(`${what} (${from} -> ${to})`);
  }
  return wrong;
}

describe("import order", () => {
  it("finds the sources and their imports", () => {
    expect(all.length).toBeGreaterThan(200);
    expect(new Set(all.map((i) => folderOf(i.file)))).toEqual(new Set([...ORDER, ""]));
  });

  it("every folder imports only itself and folders to its left", () => {
    expect(violations(all)).toEqual([]);
  });

  it("the oracle imports neither derive nor check", () => {
    const oracle = all.filter((i) => folderOf(i.file) === "oracle" && i.spec.startsWith("."));
    expect(oracle.length).toBeGreaterThan(5);
    const bad = oracle.filter((i) => ["derive", "check", "render", "cli"].includes(folderOf(resolve(dirname(i.file), i.spec))));
    expect(bad.map((i) => `${relative(SRC, i.file)} imports ${i.spec}`)).toEqual([]);
  });

  it("the folders that run in a browser import no node: module, and load libraries only by import()", () => {
    const bad = all.filter((i) => BROWSER.includes(folderOf(i.file)) && i.spec.startsWith("node:"));
    expect(bad.map((i) => `${relative(SRC, i.file)} imports ${i.spec}`)).toEqual([]);
    const required = files(SRC).filter(
      (f) => BROWSER.includes(folderOf(f)) && /\bcreateRequire\b|\brequire\(/.test(readFileSync(f, "utf8")),
    );
    expect(required.map((f) => relative(SRC, f))).toEqual([]);
  });

  it("catches a violation (the check itself can fail)", () => {
    const fake: Import[] = [
      { file: join(SRC, "oracle", "x.ts"), spec: "../derive/derive.js" },
      { file: join(SRC, "expr", "y.ts"), spec: "../network/graph.js" },
      { file: join(SRC, "check", "z.ts"), spec: "../index.js" },
      { file: join(SRC, "check", "ok.ts"), spec: "../oracle/forward.js" },
      { file: join(SRC, "network", "ok.ts"), spec: "../errors.js" },
    ];
    expect(violations(fake)).toHaveLength(3);
  });
});

/** The modules a file loads at once: static imports and re-exports that are not type-only, transitively. */
function staticClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.startsWith(SRC)) return;
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s)?[^;]*?from\s+"([^"]+)"/g)) {
      if (m[2] !== undefined) continue;
      const spec = m[3]!;
      visit(spec.startsWith(".") ? resolve(dirname(file), spec).replace(/\.js$/, ".ts") : spec);
    }
  };
  visit(entry);
  return seen;
}

describe("lazy loading", () => {
  const katex = (mods: Set<string>): string[] => [...mods].filter((m) => m === "katex" || m.endsWith(join("generated", "katex.ts")));
  it("no command loads KaTeX (or its fonts) before it renders HTML: the HTML renderer is imported on demand", () => {
    for (const command of ["derive", "check", "evaluate"]) {
      const mods = staticClosure(join(SRC, "cli", "commands", `${command}.ts`));
      expect(mods.size, command).toBeGreaterThan(20);
      expect(katex(mods), command).toEqual([]);
    }
    expect(katex(staticClosure(join(SRC, "cli", "run.ts")))).toEqual([]);
  });

  it("the HTML renderer and the library's table of formats do load it (the check can fail)", () => {
    expect(katex(staticClosure(join(SRC, "render", "html-page.ts")))).toHaveLength(2);
    expect(katex(staticClosure(join(SRC, "render", "formats.ts")))).toHaveLength(2);
  });
});

/** Every relative import a file makes, type-only ones included, as .ts paths under src/. */
function edgesOf(file: string): string[] {
  return importsOf(file)
    .filter((i) => i.spec.startsWith("."))
    .map((i) => resolve(dirname(file), i.spec).replace(/\.js$/, ".ts"));
}

/** The import circles among files of one top folder: strongly connected components of more than one file (or a self-import). */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
      onStack.delete(w);
      component.push(w);
    }
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** The graph of imports that stay inside their file's top folder (files at src/'s root left out). */
function folderGraph(sources: readonly string[], edges: (file: string) => readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of sources) {
    const folder = folderOf(f);
    if (folder !== "")
      graph.set(
        f,
        edges(f).filter((t) => folderOf(t) === folder),
      );
  }
  return graph;
}

/** Circles as paths relative to src/. */
const named = (found: readonly string[][]): string[][] => found.map((c) => c.map((f) => relative(SRC, f)));

describe("import circles", () => {
  it("no folder has an import circle (type-only imports included)", () => {
    const graph = folderGraph(files(SRC), edgesOf);
    expect(graph.size).toBeGreaterThan(100);
    expect(named(circles(graph))).toEqual([]);
  });

  it("finds a circle of type-only imports, a self-import, and none in a chain (the check itself can fail)", () => {
    const f = (name: string): string => join(SRC, "expr", name);
    const fake = new Map<string, string[]>([
      [f("a.ts"), [f("b.ts")]],
      [f("b.ts"), [f("c.ts")]],
      [f("c.ts"), [f("a.ts")]],
      [f("d.ts"), [f("d.ts")]],
      [f("e.ts"), [f("a.ts")]],
    ]);
    expect(named(circles(fake))).toEqual([["expr/a.ts", "expr/b.ts", "expr/c.ts"], ["expr/d.ts"]]);
    // A type-only import is an edge too: html.ts imports document.ts for its types alone.
    const typeOnly = importsOf(join(SRC, "render", "html.ts")).filter((i) => i.spec === "./document.js");
    expect(typeOnly.length).toBeGreaterThan(0);
  });
});
