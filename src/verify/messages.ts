// The answer notes of a diagnosis and the report's words, in English and Traditional Chinese
// (Taiwan usage). Placeholders: {wrote} and {meant} are formula pieces in the claim's own
// notation, {factor} a number, {from} and {to} sets.
import type { Diagnosis } from "./variants.js";

export type VerifyLang = "en" | "zh-Hant";

export interface VerifyMessages {
  readonly notes: Readonly<Record<Diagnosis, string>>;
  /** Notes without a piece to name. */
  readonly missingTermPlain: string;
  readonly wrongDerivativePlain: string;
  /** A sign or a factor of one part only. */
  readonly signTerm: string;
  readonly factorPart: string;
  readonly verdicts: Readonly<Record<"holds" | "fails" | "unreadable", string>>;
  readonly heading: string;
  readonly claimed: string;
  readonly actual: string;
  readonly at: string;
  readonly worst: string;
  readonly correct: string;
  readonly position: string;
  readonly assumedRange: string;
  readonly sumOver: Readonly<Record<"preds" | "softmax" | "outputs" | "downstream", string>>;
  readonly summary: string;
  /** More bindings than are checked: {n} of {total}. */
  readonly spread: string;
}

export const VERIFY_MESSAGES: Readonly<Record<VerifyLang, VerifyMessages>> = {
  en: {
    notes: {
      "missing-derivative": "Your formula would hold multiplied by the activation's derivative {meant}: the chain rule passes through it.",
      "wrong-derivative": "Your formula would hold with {meant} in place of {wrote}, which is not this activation's derivative.",
      sign: "Your formula would hold with the opposite sign.",
      "swapped-indices": "Your formula would hold with {meant} in place of {wrote}.",
      factor: "Your formula is off by a constant factor: it would hold multiplied by {factor}.",
      "wrong-set": "Your formula would hold with the sum over {to} in place of {from}.",
      "missing-term": "Your formula leaves out a term: it would hold with {meant} added.",
      "elementwise-softmax":
        "Your formula differentiates softmax as if it acted on each node alone; every output of the layer depends on every net of the layer, so the error term is a sum over the layer.",
      other: "None of the known mistakes explains the difference.",
    },
    missingTermPlain: "Your formula leaves out a term of the total derivative.",
    wrongDerivativePlain: "Your formula uses another activation's derivative.",
    signTerm: "Your formula would hold with the sign of one term reversed: {meant} in place of {wrote}.",
    factorPart: "Your formula is off by a constant factor in one part: it would hold with {meant} in place of {wrote}.",
    verdicts: { holds: "holds", fails: "fails", unreadable: "unreadable" },
    heading: "Your formulas checked",
    claimed: "your value",
    actual: "true value",
    at: "at",
    worst: "largest relative error",
    correct: "correct formula",
    position: "position",
    assumedRange: "{index} ranges over the {set} nodes {nodes} (the usual convention: i input, j hidden, k output)",
    sumOver: {
      preds: "the sum over {index} runs over {set}, the nodes that feed the node on the left",
      softmax: "the sum over {index} runs over {set}, the softmax layer",
      outputs: "the sum over {index} runs over the output nodes",
      downstream: "the sum over {index} runs over {set}, the nodes fed by the node on the left",
    },
    summary: "{holds} of {total} formulas hold, {fails} fail, {unreadable} could not be read.",
    spread: "checked at {n} of its {total} bindings of the indices, spread evenly over them",
  },
  "zh-Hant": {
    notes: {
      "missing-derivative": "若再乘上激活函數的導數 {meant}，你的公式就成立：連鎖律必須經過這個導數。",
      "wrong-derivative": "若把 {wrote} 換成 {meant}，你的公式就成立；{wrote} 不是這個激活函數的導數。",
      sign: "若把正負號反過來，你的公式就成立。",
      "swapped-indices": "若把 {wrote} 換成 {meant}，你的公式就成立。",
      factor: "你的公式差了一個常數倍：乘上 {factor} 就成立。",
      "wrong-set": "若把求和範圍從 {from} 換成 {to}，你的公式就成立。",
      "missing-term": "你的公式漏了一項：加上 {meant} 就成立。",
      "elementwise-softmax":
        "你的公式把 softmax 當成逐一作用在各節點上來微分；同一層的每個輸出都依賴該層所有的 net，所以誤差項要對整層求和。",
      other: "已知的錯誤類型都無法解釋這個差異。",
    },
    missingTermPlain: "你的公式漏了全導數中的一項。",
    wrongDerivativePlain: "你的公式用了另一個激活函數的導數。",
    signTerm: "若把其中一項的正負號反過來，以 {meant} 取代 {wrote}，你的公式就成立。",
    factorPart: "你的公式有一部分差了常數倍：以 {meant} 取代 {wrote} 就成立。",
    verdicts: { holds: "成立", fails: "不成立", unreadable: "無法解讀" },
    heading: "公式檢查結果",
    claimed: "你的值",
    actual: "真實值",
    at: "於",
    worst: "最大相對誤差",
    correct: "正確公式",
    position: "位置",
    assumedRange: "{index} 取遍{set}節點 {nodes}（慣例：i 為輸入、j 為隱藏、k 為輸出）",
    sumOver: {
      preds: "對 {index} 的求和範圍是 {set}，即連到左側節點的上游節點",
      softmax: "對 {index} 的求和範圍是 {set}，即 softmax 層",
      outputs: "對 {index} 的求和範圍是所有輸出節點",
      downstream: "對 {index} 的求和範圍是 {set}，即左側節點所連到的下游節點",
    },
    summary: "共 {total} 條公式：{holds} 條成立、{fails} 條不成立、{unreadable} 條無法解讀。",
    spread: "在索引的 {total} 種取值中，平均選取 {n} 種檢查",
  },
};

export const SET_WORDS: Readonly<Record<VerifyLang, Readonly<Record<"input" | "hidden" | "output", string>>>> = {
  en: { input: "input", hidden: "hidden", output: "output" },
  "zh-Hant": { input: "輸入", hidden: "隱藏", output: "輸出" },
};
