// The notes read as a lecturer writes: every letter a formula of the prose uses is introduced
// before its first use, no paragraph starts in the middle of a sentence, "1 node", titles that
// read as English or entirely as Chinese; and the zh-Hant documents use Taiwan's terms (列 a row,
// 行 a column of a matrix), with no mainland term anywhere they print.
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { toLatex } from "../../src/expr/latex.js";
import { zhHant } from "../../src/derive/messages/zh-Hant.js";
import type { Inline } from "../../src/derive/proof.js";
import { FORMATS } from "../../src/render/formats.js";
import { contentText } from "../../src/render/document.js";
import { buildView, type View } from "../../src/render/view.js";
import { checked, PRESETS, proved, TOPOLOGY_PRESETS } from "../render/helpers.js";

const ALL = [...PRESETS, ...TOPOLOGY_PRESETS];
const CUSTOM = { layers: [2, 3, 2], activations: [{ custom: "x / (1 + abs(x))" }, "identity"], loss: "mse" };

/** Mainland usages a Taiwanese reader would correct (the Taiwanese term in the comment). */
const MAINLAND = [
  "網絡", // 網路
  "激活", // 活化函數 / 激勵函數
  "概率", // 機率
  "鏈式法則", // 連鎖律
  "後向傳播", // 反向傳播
  "计算机",
  "計算機", // 電腦
  "信息", // 資訊
  "默認", // 預設
  "軟件", // 軟體
  "數據", // 資料
  "程序", // 程式
  "優化", // 最佳化
  "求導", // 微分
  "質量", // 品質
  "文件", // 檔案
  "支持", // 支援
  "調用", // 呼叫
  "運行", // 執行
  "實現", // 實作
  "下標", // 指標
  // A matrix's rows are 列 and its columns 行 in Taiwan; the mainland has them the other way.
  "各行",
  "偏移列",
  "最後一列",
  "的第 k 行",
  "的第 j 行",
];

const text = (c: readonly Inline[]): string => c.map((x) => ("text" in x ? x.text : `$${toLatex(x.math)}$`)).join("");

/** Every paragraph and every displayed formula of a view, in reading order, as text with $latex$. */
function reading(view: View): { kind: "text" | "math" | "cell"; s: string }[] {
  const out: { kind: "text" | "math" | "cell"; s: string }[] = [];
  for (const s of view.sections) {
    out.push({ kind: "text", s: s.title });
    for (const b of s.blocks) {
      // Table rows and bulleted items are not sentences.
      if (b.kind === "text")
        out.push({ kind: b.layout === "row" || b.layout === "head" || b.layout === "bullet" ? "cell" : "text", s: text(b.content) });
      else for (const r of b.rows) if (r.kind === "step") out.push({ kind: "math", s: `${toLatex(r.step.lhs)} = ${toLatex(r.step.rhs)}` });
    }
  }
  return out;
}

/** Each letter: how a formula uses it, and the sentence that introduces it. */
const LETTERS: Record<string, { use: RegExp; intro: RegExp }> = {
  E: { use: /(?<![A-Za-z\\{])E(?![A-Za-z])/, intro: /^E is the loss/ },
  t: { use: /(?<![A-Za-z\\])t_/, intro: /targets \$t_/ },
  η: { use: /\\eta/, intro: /learning rate \$\\eta\$/ },
  δ: { use: /\\delta/, intro: /error term \$\\delta_/ },
};

/** An activation letter f, g, h: used applied, f(...) or f'(...); introduced by "written g" or the summary's "f stands for". */
const activationLetter = (l: string): { use: RegExp; intro: RegExp } => ({
  use: new RegExp(`(?<![A-Za-z\\\\])${l}(?:'+|\\^\\{\\(\\d+\\)\\})?\\\\left\\(`),
  intro: new RegExp(`written \\$${l}\\$|\\$${l}\\$ stands for the activation`),
});

describe.each([...ALL, "custom"])("the English notes of %s", (name) => {
  const proof = proved(name === "custom" ? CUSTOM : name);
  const view = buildView(proof, 6, "notes");
  const read = reading(view);

  it("introduce every letter before a formula uses it", () => {
    const letters = { ...LETTERS };
    for (const layer of proof.network.layers.slice(1)) if (layer.activation!.elementwise) letters[layer.fn!] = activationLetter(layer.fn!);
    letters.f = activationLetter("f");
    const seen = new Set<string>();
    for (const [letter, { use, intro }] of Object.entries(letters)) {
      const used = read.findIndex((p) => use.test(p.s));
      if (used < 0) continue;
      seen.add(letter);
      const introduced = read.findIndex((p) => p.kind === "text" && intro.test(p.s));
      expect(introduced, `${letter} is used in "${read[used]!.s.slice(0, 120)}" and never introduced`).toBeGreaterThanOrEqual(0);
      expect(introduced, `${letter} is used in "${read[used]!.s.slice(0, 120)}" before it is introduced`).toBeLessThanOrEqual(used);
    }
    // The letters every derivation uses are found (the patterns match what the documents print).
    for (const l of ["E", "t", "η", "δ", "f"]) expect(seen, l).toContain(l);
  });

  it("start no paragraph in the middle of a sentence, and write 1 node", () => {
    for (const p of read.filter((x) => x.kind === "text")) expect(p.s, p.s).not.toMatch(/^[a-z]/);
    const { report } = checked(name === "custom" ? CUSTOM : name);
    const md = String(contentText(FORMATS.md({ proof, report }, {})[0]!.content));
    expect(md).not.toMatch(/\b1 nodes\b/);
  });

  it("have a title that reads as English", () => {
    const { report } = checked(name === "custom" ? CUSTOM : name);
    const md = String(contentText(FORMATS.md({ proof, report }, {})[0]!.content));
    const title = md.split("\n")[0]!;
    expect(title).toMatch(/^# Forward and backward propagation for an? [\d-]+ network with /);
    expect(title).toMatch(/, trained to minimise (the |half )/);
  });
});

describe("the zh-Hant documents", () => {
  const toTaiwan = OpenCC.Converter({ from: "cn", to: "tw" });
  const han = (s: string): string => s.replace(/\$[^$]*\$/g, " ").replace(/\\\([^)]*\\\)/g, " ");

  it("no message holds a mainland term", () => {
    for (const [key, value] of Object.entries(zhHant)) for (const term of MAINLAND) expect(value, `${key}: ${term}`).not.toContain(term);
  });

  it("write a matrix's rows as 列 and its columns as 行", () => {
    expect(zhHant["matrix-form"]).toContain("W 的各列");
    expect(zhHant["p-forward-matrix"]).toContain("{W} 的各列");
    expect(zhHant["mx-net"]).toContain("W 的第 k 列");
    expect(zhHant["mx-split"]).toContain("最後一行是偏移");
    expect(zhHant["mx-transpose"]).toContain("偏移行");
    expect(zhHant["p-bp-matrix"]).toContain("去掉偏移行的權重矩陣");
    expect(zhHant["p-matrix-intro"]).toContain("每個節點佔一列");
  });

  it.each([...ALL, "custom"])("of %s, notes and proof, pass OpenCC and the mainland list, and their title is Chinese", (name) => {
    const spec = name === "custom" ? CUSTOM : name;
    const proof = proved(spec, "zh-Hant");
    const { report } = checked(spec, "zh-Hant");
    for (const style of ["notes", "proof"] as const) {
      const md = String(contentText(FORMATS.md({ proof, report }, { style })[0]!.content));
      const prose = han(md);
      for (const term of MAINLAND) expect(prose, `${name} ${style}: ${term}`).not.toContain(term);
      for (const line of prose.split("\n").filter((l) => /\p{Script=Han}/u.test(l))) expect(toTaiwan(line)).toBe(line);
      const title = md.split("\n")[0]!;
      expect(title).toMatch(/^# 前向傳播與反向傳播：/);
      // Latin words in the title are only the activations' names.
      for (const w of title.match(/[A-Za-z]{3,}/g) ?? []) expect(["ReLU", "softmax", "sigmoid", "tanh", "softplus", "leaky"]).toContain(w);
    }
  });
});
