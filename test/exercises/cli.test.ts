// The exercises command as users run it: the files it writes, the JSON's shape, LaTeX that
// compiles (pdflatex; xelatex for Chinese), Moodle XML that parses with every numerical question
// answered within a tolerance, and bad input refused in one line with nothing written.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, latexErrors, listFiles, pdflatex, tempDir, tool } from "../render/helpers.js";

const FILES = [
  "answers.html",
  "answers.md",
  "answers.tex",
  "exercises.html",
  "exercises.json",
  "exercises.md",
  "exercises.moodle.xml",
  "exercises.tex",
];

function xelatex(dir: string, file: string): { code: number | null; log: string } {
  const r = spawnSync("xelatex", ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", file], { cwd: dir, encoding: "utf8" });
  return { code: r.status, log: r.stdout };
}

/** Python's XML parser (a strict one, not ours): each question's type, answers and tolerances. */
const PARSE = `
import sys, json, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
out = []
for q in root.findall("question"):
    out.append({"type": q.get("type"), "name": q.findtext("name/text"),
                "answers": [a.findtext("text") for a in q.findall("answer")],
                "tolerances": [a.findtext("tolerance") for a in q.findall("answer")],
                "grader": q.findtext("graderinfo/text") or "", "text": q.findtext("questiontext/text") or ""})
print(json.dumps({"root": root.tag, "questions": out}))
`;

describe("backprop-derive exercises", () => {
  const dir = tempDir();
  const zh = tempDir();
  let json: { exercises: Record<string, unknown>[] };

  it("writes the sheet, the key, the JSON and the Moodle XML", async () => {
    const r = await cli(["exercises", "seed", "--out", dir, "--seed", "3"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(listFiles(dir).filter((f) => !f.startsWith("katex"))).toEqual(FILES);
    expect(existsSync(join(dir, "katex", "katex.min.css"))).toBe(true);
    json = JSON.parse(readFileSync(join(dir, "exercises.json"), "utf8"));
    expect(json.exercises.length).toBeGreaterThan(8);
  });

  it("the JSON has the documented shape", () => {
    for (const e of json.exercises) {
      expect(Object.keys(e).every((k) => ["id", "kind", "prompt", "spec", "params", "quantity", "mistake", "answer"].includes(k))).toBe(
        true,
      );
      expect(["numeric", "derivation", "spot-the-error"]).toContain(e.kind);
      const prompt = e.prompt as { latex: string; text: string };
      const answer = e.answer as { latex: string; text: string; value?: number };
      expect(prompt.latex.length).toBeGreaterThan(5);
      expect(prompt.text.length).toBeGreaterThan(5);
      expect(answer.latex.length).toBeGreaterThan(5);
      expect(e.spec).toMatchObject({ layers: [3, 2, 2], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" });
      if (e.kind === "numeric") {
        expect(typeof answer.value, JSON.stringify(e).slice(0, 300)).toBe("number");
        expect(e.params).toBeDefined();
        expect(["E", "net", "y", "delta", "gradient", "updated"]).toContain((e.quantity as { kind: string }).kind);
      } else expect(answer.value).toBeUndefined();
    }
  });

  it("the Moodle XML parses; numerical questions have an answer and a tolerance, essays the key", () => {
    if (!tool("python3", ["--version"])) return;
    const r = spawnSync("python3", ["-c", PARSE, join(dir, "exercises.moodle.xml")], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    const parsed = JSON.parse(r.stdout) as {
      root: string;
      questions: { type: string; answers: string[]; tolerances: string[]; grader: string; text: string }[];
    };
    expect(parsed.root).toBe("quiz");
    expect(parsed.questions.length).toBe(json.exercises.length);
    const numerical = parsed.questions.filter((q) => q.type === "numerical");
    expect(numerical.length).toBe(json.exercises.filter((e) => e.kind === "numeric").length);
    for (const q of numerical) {
      expect(q.answers.length).toBe(1);
      expect(Number.isFinite(Number(q.answers[0]))).toBe(true);
      expect(Number(q.tolerances[0])).toBeGreaterThan(0);
    }
    for (const q of parsed.questions.filter((x) => x.type === "essay")) expect(q.grader).toContain("\\[");
    for (const q of parsed.questions) expect(q.text).toContain("\\(");
  });

  it("the sheet and the key compile with pdflatex", async () => {
    if (!tool("pdflatex", ["--version"])) return;
    for (const f of ["exercises.tex", "answers.tex"]) {
      const r = await pdflatex(dir, f);
      expect(latexErrors(r.log), f).toBe("");
      expect(r.code).toBe(0);
      expect(r.pdf).toBe(true);
    }
  }, 120_000);

  it("in Chinese, they compile with xelatex", async () => {
    const r = await cli(["exercises", "tanh-mse", "--out", zh, "--lang", "zh-Hant", "--format", "tex,json"]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(zh, "answers.tex"), "utf8")).toContain("解答");
    if (!tool("xelatex", ["--version"])) return;
    for (const f of ["exercises.tex", "answers.tex"]) {
      const x = xelatex(zh, f);
      expect(latexErrors(x.log), f).toBe("");
      expect(x.code).toBe(0);
    }
  }, 180_000);

  it("--vary network draws another network per seed", async () => {
    const a = tempDir();
    const b = tempDir();
    expect((await cli(["exercises", "--vary", "network", "--seed", "1", "--format", "json", "--out", a])).code).toBe(0);
    expect((await cli(["exercises", "--vary", "network", "--seed", "2", "--format", "json", "--out", b])).code).toBe(0);
    const spec = (d: string) => JSON.parse(readFileSync(join(d, "exercises.json"), "utf8")).exercises[0].spec;
    expect(spec(a)).not.toEqual(spec(b));
    expect(spec(a).layers[0]).toBe(3);
    expect(spec(a).outputActivation).toBe("softmax");
  }, 60_000);

  it("a sheet on a recurrent, a convolutional and a layered network compiles with pdflatex", async () => {
    const out = tempDir();
    const r = await cli(["exercises", "rnn", "conv2d", "seed", "--format", "tex,json", "--count", "9", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const ex = JSON.parse(readFileSync(join(out, "exercises.json"), "utf8")).exercises as {
      quantity?: { matrix?: string; unit?: string; kernel?: number[] };
    }[];
    expect(ex.some((e) => e.quantity?.unit === "h")).toBe(true);
    expect(ex.some((e) => e.quantity?.kernel !== undefined)).toBe(true);
    if (!tool("pdflatex", ["--version"])) return;
    for (const f of ["exercises.tex", "answers.tex"]) {
      const p = await pdflatex(out, f);
      expect(latexErrors(p.log), f).toBe("");
      expect(p.code).toBe(0);
    }
  }, 120_000);

  it("takes several specs: one sheet, its exercises numbered through, each with its own spec", async () => {
    const out = tempDir();
    const r = await cli(["exercises", "seed", "tanh-mse", "--format", "json,md", "--count", "6", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const ex = JSON.parse(readFileSync(join(out, "exercises.json"), "utf8")).exercises as { id: string; spec: { activation: string } }[];
    expect(ex.map((e) => e.id)).toEqual(["e1", "e2", "e3", "e4", "e5", "e6"]);
    expect(ex.map((e) => e.spec.activation)).toEqual(["relu", "relu", "relu", "tanh", "tanh", "tanh"]);
    expect(readFileSync(join(out, "answers.md"), "utf8")).toContain("## Network 2");
  }, 60_000);

  it.each([
    [["seed", "./no-such-spec.json"], "SPEC ./no-such-spec.json"],
    [["seed", "no-such-preset"], "SPEC no-such-preset"],
    [["--kinds", "numeric,essays"], "--kinds"],
    [["--count", "0"], "--count"],
    [["--format", "pdf"], "--format"],
    [["--lang", "fr"], "--lang"],
    [["--vary", "numbers"], "--vary"],
    [["tied-autoencoder", "--vary", "network"], "--vary"],
    [["--layers", "100,30,10"], "SPEC"],
    [["conv2d", "--vary", "network"], "--vary"],
  ])("refuses %j in one line naming %s, and writes nothing", async (args, field) => {
    const out = tempDir();
    const r = await cli(["exercises", ...args, "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(field);
    expect(listFiles(out)).toEqual([]);
  });
});
