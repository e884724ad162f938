// derive --watch, in process: it derives, then derives again when the spec, the params or the
// template changes; a bad edit is one error line and the watch goes on; several quick writes make
// fewer runs than writes; it ends when stopped. Waits are for outcomes (files and lines), with
// generous bounds, never timed.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { MAZUR_PARAMS } from "../fixtures/mazur.js";
import { run, tempDir, writeJson } from "./helpers.js";

/** Polls `ok` until it holds (or fails the test after `budget` ms, a bound for a busy machine). */
async function until(ok: () => boolean, what: string, budget = 60_000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > budget) throw new Error(`waited ${budget} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function watching(argv: readonly string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stop = new AbortController();
  const done = main(
    ["derive", "--watch", ...argv],
    (s) => out.push(s),
    (s) => err.push(s),
    { stop: stop.signal },
  );
  let finished = false;
  void done.then(() => {
    finished = true;
  });
  return { out, err, stop: () => stop.abort(), done, finished: () => finished };
}

const layersOf = (file: string): number[] =>
  (JSON.parse(readFileSync(file, "utf8")) as { network: { layers: { nodes: number[] }[] } }).network.layers.map((l) => l.nodes.length);

describe("derive --watch", { timeout: 180_000 }, () => {
  it("derives again when the spec changes, says a bad edit in one line and goes on, and ends when stopped", async () => {
    const dir = tempDir();
    const spec = writeJson(dir, "net.json", { layers: [2, 2, 1] });
    const out = join(dir, "out");
    const w = watching([spec, "--format", "json", "--no-check", "--out", out]);
    await until(() => w.err.some((l) => l.startsWith("watching ")), "the first run");
    expect(layersOf(join(out, "derivation.json"))).toEqual([2, 2, 1]);
    expect(w.err).toEqual([`watching ${spec} for changes (Ctrl-C stops)`]);

    writeFileSync(spec, "{ bad");
    await until(() => w.err.some((l) => l.startsWith("backprop-derive: ")), "the bad edit's message");
    const message = w.err.find((l) => l.startsWith("backprop-derive: "))!;
    expect(message).toMatch(/^backprop-derive: SPEC: .*net\.json is not valid JSON/);
    expect(w.finished()).toBe(false);
    // The last good documents stay.
    expect(layersOf(join(out, "derivation.json"))).toEqual([2, 2, 1]);

    writeFileSync(spec, JSON.stringify({ layers: [3, 2, 1] }));
    await until(() => layersOf(join(out, "derivation.json"))[0] === 3, "the fixed spec's derivation");
    expect(layersOf(join(out, "derivation.json"))).toEqual([3, 2, 1]);

    w.stop();
    expect(await w.done).toBe(0);
  });

  it("watches the params and the template too, and makes fewer runs than quick writes", async () => {
    const dir = tempDir();
    const spec = writeJson(dir, "net.json", { layers: [2, 2, 2], activation: "sigmoid", loss: "mse" });
    const params = writeJson(dir, "params.json", MAZUR_PARAMS);
    const template = join(dir, "notes.md.njk");
    writeFileSync(template, "first << title >>");
    const out = join(dir, "out");
    const w = watching([spec, "--params", params, "--template", template, "--format", "md", "--no-check", "--out", out]);
    await until(() => w.err.some((l) => l.startsWith("watching ")), "the first run");
    expect(w.err[0]).toBe(`watching ${spec}, ${params}, ${template} for changes (Ctrl-C stops)`);
    const md = (): string => readFileSync(join(out, "derivation.md"), "utf8");
    expect(md()).toMatch(/^first /);

    writeFileSync(template, "second << title >>");
    await until(() => md().startsWith("second "), "the new template's document");

    const runs = (): number => w.err.filter((l) => l === "a watched file changed: deriving again").length;
    const before = runs();
    for (let i = 0; i < 5; i++) writeFileSync(template, `burst ${i} << title >>`);
    await until(() => md().startsWith("burst 4 "), "the last write's document");
    expect(runs() - before).toBeGreaterThan(0);
    expect(runs() - before).toBeLessThan(5);

    writeFileSync(params, JSON.stringify({ ...MAZUR_PARAMS, eta: "fast" }));
    await until(() => w.err.some((l) => /^backprop-derive: .*eta/.test(l)), `the bad params' message in ${JSON.stringify(w.err)}`);
    expect(w.finished()).toBe(false);
    w.stop();
    expect(await w.done).toBe(0);
  });

  it.each([
    [["-"], "cannot read standard input again"],
    [["seed", "--out", "-", "--format", "md"], "not -"],
    [["seed"], "has nothing to watch"],
  ])("is refused where it cannot work: %j", async (argv, message) => {
    const r = await run("derive", "--watch", ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain(`backprop-derive: --watch: `);
    expect(r.err[0]).toContain(message);
  });
});
