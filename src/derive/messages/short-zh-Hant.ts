// 筆記的簡短標註（--labels short）：以幾個字說出一步所用的規則；完整的理由寫在算式前後的文字中。
// The short labels of the notes, as written in Taiwan.
import type { shortEn } from "./short-en.js";

export const shortZhHant: Record<keyof typeof shortEn, string> = {
  "short-definition": "定義",
  "short-notation": "記號",
  "short-gradient-descent": "梯度下降",
  "short-chain-rule": "連鎖律",
  "short-total-derivative": "全導數",
  "short-linearity": "線性",
  "short-activation-derivative": "活化函數的導數",
  "short-loss-derivative": "損失函數的導數",
  "short-differentiation": "微分",
  "short-substitution": "代入",
  "short-factor": "提出公因式",
  "short-simplification": "化簡",
  "short-assumption": "假設",
  "short-lemma": "根據引理",
  "short-max-derivative": "最大值的導數",
};
