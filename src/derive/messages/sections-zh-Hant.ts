// Traditional Chinese (Taiwan) for the messages of sections-en.ts.
import type { sectionsEn } from "./sections-en.js";

export const sectionsZhHant: Record<keyof typeof sectionsEn, string> = {
  title: "前向傳播與反向傳播：{name}",
  "title-named": "前向傳播與反向傳播：神經網路 {name}",
  "describe-network": "{sizes} 神經網路，{parts}，損失函數為{loss}",
  "describe-and": "{a}，{b}",
  "describe-comma": "，",
  "describe-names-and": "{a} 和 {b}",
  "describe-names-comma": "、",
  "describe-skip": "有跳躍連接",
  "describe-pruned": "省略了部分連接",
  "describe-depths": "輸出節點位於不同深度",
  "describe-feeds": "有輸出節點同時連到後面的節點",
  "describe-tied": "有共用的權重",
  "describe-hidden": "隱藏節點用 {names}",
  "describe-output-one": "輸出節點用 {names}",
  "describe-outputs": "輸出節點用 {names}",
  "describe-custom": "自訂活化函數",
  "describe-identity": "恆等函數",
  "sec-network": "神經網路",
  "sec-forward": "前向傳播",
  "sec-descent": "梯度下降和誤差項",
  "sec-chain": "權重的梯度：連鎖律",
  "sec-output": "輸出層的誤差項",
  "sec-hidden": "隱藏層的誤差項：全導數",
  "sec-updates": "更新權重和偏移",
  "sec-specialise": "代入所選的活化函數和損失函數",
  "sec-lemmas": "引理：活化函數的導數",
  "sec-verification": "數值驗證",
  "sec-worked": "計算實例",
  "sec-summary": "摘要：演算法與四條方程",
  "sec-table": "活化函數及其導數",
  "sec-check": "梯度的檢驗",
  "sec-appendix": "附錄",
  "sec-legend": "如何閱讀這份證明",
  "sec-remarks": "附註",
  "p-remark-sigmoid":
    "sigmoid 的導數 $y * (1 - y)$（其中 $y = sigma(x)$）最大為 1/4，在 $y = 0.5$ 時取到。誤差項每往回經過一個 sigmoid 隱藏層，除了權重之外還要乘上這個因子，所以經過好幾個這樣的層之後，前面幾層的誤差項可能變得非常小，這些層也就學得很慢：這就是梯度消失問題。",
  "p-remark-tanh":
    "tanh 的導數 $1 - y^2$（其中 $y = tanh(x)$）最大為 1，當 $y$ 接近 −1 或 1 時趨近於 0。tanh 隱藏節點飽和時，往回經過它們的誤差項會縮小；經過好幾個這樣的層之後，前面幾層可能學得很慢：這就是梯度消失問題。",
  "p-remark-relu":
    "加權輸入為負的 ReLU 節點，在該處導數為 0，所以它的誤差項為 0，連入它的權重不會改變。如果一個節點對每個訓練樣本的加權輸入都是負的，它就完全停止學習：這稱為死亡 ReLU。leaky ReLU 在負的輸入上保留一個小斜率，正是為了這個原因。",
  "p-remark-cost":
    "反向傳播只用一次前向傳播和一次反向傳播就得到這個神經網路全部 {n} 個梯度，計算量只是計算一次 E 的幾倍。有限差分則每個權重和偏移都要各自計算 E，中心差分每個要算兩次：這個神經網路要算 {m} 次，而且次數隨權重的個數增加。",
};
