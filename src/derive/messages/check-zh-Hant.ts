// Traditional Chinese (Taiwan) for the messages of check-en.ts.
import type { checkEn } from "./check-en.js";

export const checkZhHant: Record<keyof typeof checkEn, string> = {
  "p-worked-intro": "在下面這組數值上做一步梯度下降。每個量先寫出公式，再代入數值，最後給出結果，四捨五入到 {digits} 位有效數字。",
  "p-worked-given": "給定的輸入、目標值、學習率、權重和偏移：",
  "p-worked-forward": "前向傳播，第 {layer} 層：",
  "p-worked-loss": "損失函數：",
  "p-worked-delta": "第 {layer} 層的誤差項：",
  "p-worked-gradients": "第 {layer} 層的權重和偏移的梯度：",
  "p-worked-updates": "第 {layer} 層更新後的權重和偏移：",
  "p-worked-check":
    "上面的每一步都與在相同數值上對神經網路的獨立計算作了比較，每個誤差項和梯度都與它的中心差分作了比較，只容許四捨五入到 {digits} 位的誤差：共 {total} 個梯度中檢查了 {checked} 個，失敗 {failed} 個{notCompared}，最大相對誤差 {worst}（容差 {tolerance}）。",
  "worked-given": "給定",
  "worked-formula": "推導出的公式",
  "worked-substitute": "代入數值",
  "worked-evaluate": "求值",
  "col-quantity": "量",
  "col-value": "數值",
  "col-gradient": "梯度",
  "col-updated": "更新後的值",
  "p-worked-node": "節點 {n}：它的權重和偏移的梯度，以及更新後的值：",
  "p-worked-rest": "其餘的權重和偏移，以同樣的方式計算：",
  "p-verification-steps":
    "證明的每一步都在 {points} 個隨機取樣的點（亂數產生器 {seed}）上用{method}做了數值檢查：{verified} 步已驗證，{definitions} 步是定義或記號、無需檢查，{failed} 步失敗{notCompared}；最大相對誤差 {worst}（容差 {tolerance}）。",
  "method-central": "中心差分（Richardson 外推，步長按各量選取）",
  "method-complex-step": "網路可解析之處用複數步長，其餘用中心差分",
  "p-verification-cas":
    "另外，電腦代數系統 nerdamer-prime 對依網路圖寫出的 E 分別就全部 {params} 個權重和偏移微分，並{mode}與推導出的梯度比較：{agreed} 處一致，{disagreed} 處不一致{outside}；最大相對誤差 {worst}。",
  "cas-outside": "，另有 {n} 處因函數在定義域外取值而無法比較",
  "cas-disagreed-at": "（{which}）",
  "p-not-checked": "本推導的公式未經數值檢驗。",
  "p-verification-cas-skipped": "未能以電腦代數系統 nerdamer-prime 交叉驗證：{reason}。",
  "p-verification-cas-stopped":
    "以電腦代數系統 nerdamer-prime 交叉驗證在比較 {compared} 處後停止（{agreed} 處一致，{disagreed} 處不一致{which}）：{reason}。",
  "cas-mode-symbolic": "以符號方式：每個差都展開為 0",
  "cas-mode-numeric": "在 {points} 個隨機取樣的點上以數值方式",
  "cas-mode-mixed": "差能展開為 0 處以符號方式，其餘在隨機取樣的點上以數值方式",
  "p-verification-unchecked": "長列舉中有 {unchecked} 個步驟不在隨機抽樣之內。",
  "not-compared": "，{n} 個未比較（{reasons}）",
  "reason-overflow": "{n} 個在雙精度下不是有限數",
  "reason-unrepresentable": "{n} 個無法以雙精度算出任何精確度",
  "reason-sampled-out": "{n} 個不在抽樣之內",
  "reason-kink": "{n} 個位於活化函數的折點",
  "reason-vacuous": "{n} 個的容許誤差不小於數值本身，連 0 也會通過",
  "p-worked-after-down": "用更新後的權重和偏移，損失從 {before} 降到 {after}。",
  "p-worked-after-up": "用更新後的權重和偏移，損失從 {before} 升到 {after}：對這一點而言學習率太大。",
};
