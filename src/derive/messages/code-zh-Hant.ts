// Traditional Chinese (Taiwan) for the messages of code-en.ts.
import type { codeEn } from "./code-en.js";

export const codeZhHant: Record<keyof typeof codeEn, string> = {
  "code-title-numpy": "以 NumPy 寫出的反向傳播",
  "code-title-pytorch": "以 PyTorch 親手寫出的反向傳播",
  "code-title-js": "以 JavaScript 寫出的反向傳播",
  "code-intro":
    "以下的程式計算這個網路的前向傳播、誤差、誤差項、梯度與一步梯度下降。變數以式子中的量命名，註解以編號標出每一行所實作的式子。",
  "code-computes": "{name} 計算式 {refs}：",
  "code-computes-one": "{name} 計算式 {refs}：",
  "code-runner": "讀入權重與樣本、執行一步並印出結果：",
  "code-sep": "、",
};
