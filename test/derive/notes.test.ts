// The two styles of one proof: the notes read like a textbook chapter (no tool talk, the Iverson
// bracket defined before its first use, every equation numbered, no left side repeated with a
// different right side), the proof style keeps every step; messages are complete and typed;
// the zh-Hant prose is Traditional Chinese as written in Taiwan.
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { toLatex } from "../../src/expr/latex.js";
import { derive } from "../../src/derive/derive.js";
import { RULE_MESSAGES } from "../../src/derive/labels.js";
import { eq } from "../../src/rules/equation.js";
import * as b from "../../src/expr/build.js";
import { en } from "../../src/derive/messages/en.js";
import { zhHant } from "../../src/derive/messages/zh-Hant.js";
import { label, LANGUAGES } from "../../src/derive/messages/index.js";
import type { Inline, Step } from "../../src/derive/proof.js";
import { FORMATS } from "../../src/render/formats.js";
import { buildView, type View } from "../../src/render/view.js";
import { checked, networkOf, proved } from "../render/helpers.js";
import { contentText } from "../../src/render/document.js";

const SPECS: Record<string, string | object> = {
  seed: "seed",
  "2-3-3-2": { layers: [2, 3, 3, 2], activation: "sigmoid", loss: "mse" },
  deep: "deep-relu",
  mixed: { layers: [3, 4, 4, 2], activations: ["tanh", "relu", "sigmoid"], loss: "binary-cross-entropy" },
  custom: { layers: [2, 3, 2], activations: [{ custom: "x / (1 + abs(x))" }, "identity"], loss: "mse" },
};

/** Every piece of prose a view shows: section titles, text, step labels that are displayed. */
function prose(view: View): string[] {
  const out: string[] = [];
  const text = (c: readonly Inline[]): string => c.map((x) => ("text" in x ? x.text : "")).join("");
  for (const s of view.sections) {
    out.push(s.title);
    for (const b of s.blocks) {
      if (b.kind === "text") out.push(text(b.content));
      else for (const r of b.rows) if (r.kind === "step" && view.display.get(r.step.id)?.showLabel) out.push(r.step.label);
    }
  }
  return out;
}

const stepRows = (view: View): Step[] =>
  view.sections.flatMap((s) =>
    s.blocks.flatMap((b) => (b.kind === "steps" ? b.rows.flatMap((r) => (r.kind === "step" ? [r.step] : [])) : [])),
  );

describe.each(Object.keys(SPECS))("the notes of %s", (name) => {
  const proof = proved(SPECS[name]!);
  const view = buildView(proof, 6, "notes");

  it("say nothing about the tool, its flags, the seed text or the JSON", () => {
    for (const p of prose(view)) {
      expect(p).not.toMatch(/\bseed\b|--|backprop-derive|JSON/i);
    }
    const { report } = checked(SPECS[name]!);
    for (const f of ["tex", "html", "md"] as const) {
      const doc = String(contentText(FORMATS[f]({ proof, report }, {})[0]!.content));
      expect(doc).not.toMatch(/backprop-derive/);
      expect(doc).not.toMatch(/\bseed\b/i);
    }
  });

  it("define the Iverson bracket before its first use", () => {
    const md = String(contentText(FORMATS.md({ proof }, {})[0]!.content));
    const use = md.search(/\\left\[/);
    if (use < 0) return;
    const definition = md.indexOf("Iverson bracket");
    expect(definition).toBeGreaterThan(0);
    expect(definition).toBeLessThan(use);
  });

  it("number every displayed equation (a chain of lines, numbered on its last line)", () => {
    const rows = stepRows(view);
    expect(rows.length).toBeGreaterThan(10);
    rows.forEach((s, i) => {
      const last = rows[i + 1] === undefined || !rows[i + 1]!.continues;
      if (last) expect(view.display.get(s.id)?.number, `${s.id} ${toLatex(s.lhs)}`).toBeDefined();
    });
    const numbers = rows.flatMap((s) => view.display.get(s.id)?.number ?? []);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toEqual(expect.arrayContaining(["BP1", "BP3", "BP4"]));
  });

  it("name the layer of every formula about part of the network, so no two read alike", () => {
    // Index-form lines with one left side about different sets of nodes (each layer's
    // net_j, delta_j, dE/dw_ji) carry different qualifiers ("j = 4, 5").
    const seen = new Map<string, Map<string, string>>();
    for (const st of stepRows(view)) {
      if (st.continues || st.forall.length === 0) continue;
      const set = JSON.stringify(st.forall[0]!.set);
      const lhs = toLatex(st.lhs);
      const q = view.display.get(st.id)?.qualifier ?? "";
      const bySet = seen.get(lhs) ?? new Map<string, string>();
      seen.set(lhs, bySet);
      for (const [other, otherQ] of bySet) if (other !== set) expect(q, `${lhs}: ${set} and ${other}`).not.toBe(otherQ);
      bySet.set(set, q);
    }
  });

  it("justify only the steps that carry the argument, and show no check marks", () => {
    for (const st of stepRows(view)) {
      if (!view.display.get(st.id)?.showLabel) continue;
      expect([
        "chain-rule",
        "total-derivative",
        "activation-derivative",
        "assumption",
        "simplification",
        "factor",
        "loss-derivative",
        "lemma",
        "differentiation",
        "definition",
      ]).toContain(st.rule);
    }
    const md = String(contentText(FORMATS.md({ proof, report: checked(SPECS[name]!).report }, {})[0]!.content));
    // No mark beside a step (the verification table's ok column has its own).
    expect((md.match(/^\$\$\n[\s\S]*?\n\$\$$/gm) ?? []).join("\n")).not.toMatch(/\\checkmark|\\equiv/);
  });

  it("are ordered as a chapter: summary first, the appendix last", () => {
    const ids = view.sections.map((s) => s.id);
    expect(ids[0]).toBe("summary");
    expect(ids.slice(-2)).toEqual(["lemmas", "table"]);
    expect(ids).not.toContain("matrix");
  });
});

describe("the proof style", () => {
  it.each(Object.keys(SPECS))("of %s shows every step of the proof, with its label", (name) => {
    const proof = proved(SPECS[name]!);
    const view = buildView(proof, 1000, "proof");
    const shown = new Set(stepRows(view).map((s) => s.id));
    const all = proof.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "steps" ? [...b.steps] : [])));
    expect(all.filter((s) => !shown.has(s.id)).map((s) => s.id)).toEqual([]);
    for (const s of all) expect(view.display.get(s.id)?.showLabel).toBe(true);
  });

  it("explains its marks in a legend", () => {
    const html = String(contentText(FORMATS.html(checked("seed"), { style: "proof" })[0]!.content));
    expect(html).toContain('<p class="bpd-legend">');
    expect(html.includes("✓ verified numerically, ≡ a definition, notation or stated assumption")).toBe(true);
  });
});

describe("the notes of a network with several hidden layers", () => {
  it("derive the hidden error term once and write one node out per hidden layer", () => {
    const proof = proved("deep-relu");
    const view = buildView(proof, 6, "notes");
    const hidden = view.sections.find((s) => s.id === "hidden")!;
    const totals = hidden.blocks
      .flatMap((b) => (b.kind === "steps" ? b.rows : []))
      .filter((r) => r.kind === "step" && r.step.rule === "total-derivative");
    expect(totals).toHaveLength(1);
    const written = hidden.blocks
      .flatMap((b) => (b.kind === "steps" ? b.rows : []))
      .filter((r) => r.kind === "step" && r.step.forall.length === 0);
    // Hidden layers 3, 2, 1 (nodes 15-19, 10-14, 5-9), backwards: their first nodes.
    expect(written.map((r) => (r.kind === "step" ? toLatex(r.lhs) : ""))).toEqual(["\\delta_{15}", "\\delta_{10}", "\\delta_5"]);
  });
});

describe("messages", () => {
  it("every language has every key, and no key is empty", () => {
    for (const table of Object.values(LANGUAGES)) {
      expect(Object.keys(table).sort()).toEqual(Object.keys(en).sort());
      for (const v of Object.values(table)) expect(v.trim().length).toBeGreaterThan(0);
    }
  });

  it("an unknown language or key throws instead of falling back", () => {
    expect(() => label("fr", "title")).toThrow(/unknown language/);
    expect(() => derive(networkOf("seed"), { lang: "fr" })).toThrow(/lang: is "fr"; must be one of en, zh-Hant/);
  });

  it("every step's label is one its rule may give, the lemmas' steps included", () => {
    let lemmaSteps = 0;
    for (const name of Object.keys(SPECS)) {
      const proof = proved(SPECS[name]!);
      const lemmas = proof.sections.find((x) => x.id === "lemmas")!;
      lemmaSteps += lemmas.blocks.reduce((n, blk) => n + (blk.kind === "steps" ? blk.steps.length : 0), 0);
      for (const s of proof.sections.flatMap((x) => x.blocks.flatMap((blk) => (blk.kind === "steps" ? [...blk.steps] : [])))) {
        const allowed = RULE_MESSAGES[s.rule].map((k) => label("en", k));
        // A label with a placeholder ("by Lemma {n}") is given with a value in its place.
        const fits = allowed.some((a) =>
          new RegExp(`^${a.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\w+\}/g, "\\d+")}$`).test(s.label),
        );
        expect(fits, `${s.id} ${s.rule}: ${s.label}`).toBe(true);
      }
    }
    expect(lemmaSteps).toBeGreaterThan(5);
  });

  it("a rule module's equation whose label its rule may not give does not compile (the builder's promise)", () => {
    const x = b.sym("x");
    // @ts-expect-error: "chain-net" is a label of the chain rule, not of differentiation.
    const wrong = eq(x, x, "differentiation", "chain-net");
    const right = eq(x, x, "differentiation", "lemma-quotient-rule");
    // The compiler is the check; at run time the equations are plain data.
    expect([wrong.label, right.label]).toEqual(["chain-net", "lemma-quotient-rule"]);
  });
});

describe("zh-Hant", () => {
  const toTaiwan = OpenCC.Converter({ from: "cn", to: "tw" });

  it("is Traditional Chinese as written in Taiwan: the Simplified-to-Taiwan converter changes nothing", () => {
    for (const [key, text] of Object.entries(zhHant)) expect(toTaiwan(text), key).toBe(text);
  });

  it("uses the Taiwanese technical terms and leaves no English prose", () => {
    const all = Object.values(zhHant).join("\n");
    for (const term of ["反向傳播", "交叉熵", "隨機取樣的點", "連鎖律", "活化函數", "神經網路"]) expect(all).toContain(term);
    for (const wrong of ["后", "这", "這里", "帶種子"]) expect(all).not.toContain(wrong);
    for (const [key, text] of Object.entries(zhHant)) {
      // Words of three or more Latin letters are names (softmax, sigmoid, ReLU, nerdamer-prime,
      // Richardson, log-sum-exp) or formulas, never English sentences.
      const words =
        text
          .replace(/\{\w+\}/g, "")
          .replace(/\$[^$]*\$/g, "")
          .match(/[A-Za-z]{3,}/g) ?? [];
      for (const w of words)
        expect(
          [
            "softmax",
            "sigmoid",
            "ReLU",
            "leaky",
            "softplus",
            "tanh",
            "nerdamer",
            "prime",
            "Richardson",
            "log",
            "sum",
            "exp",
            "sign",
            "alpha",
            "eta",
            "sigma",
            "max",
            // The languages of the appendix listing the program (code-zh-Hant.ts).
            "NumPy",
            "PyTorch",
            "JavaScript",
          ],
          `${key}: ${w}`,
        ).toContain(w);
    }
  });
});
