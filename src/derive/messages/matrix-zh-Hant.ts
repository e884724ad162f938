// Traditional Chinese (Taiwan) for the messages of matrix-en.ts.
import type { matrixEn } from "./matrix-en.js";

export const matrixZhHant: Record<keyof typeof matrixEn, string> = {
  "sec-matrix": "矩陣形式",
  "p-matrix-intro":
    "把一層的各個量組合成向量，逐個節點的公式就變成幾條矩陣等式，這也是實作反向傳播時常用的形式。對第 l 層，向量 {net}、{y} 和 {delta} 分別是該層節點的加權輸入、輸出值和誤差項；{y0} 是神經網路的輸入。該層補上 1 的輸入向量 {x} 是前一層的輸出向量末尾再加常數 1；補上偏移的權重矩陣 {W} 每個節點佔一列，依節點順序排列：先是該節點的權重，偏移在最後。",
  "p-matrix-split": "每個權重矩陣的最後一行是偏移；去掉這一行的矩陣記為帶橫線的 W。按分塊相乘，偏移行正好乘上輸入向量末尾的常數 1：",
  "p-matrix-output": "把輸出層的誤差項組合成向量，再逐個元素改寫：",
  "p-matrix-output-softmax":
    "使用 softmax 時，每個元素都是對該層所有輸出的求和：即一個矩陣乘以一個向量，這個矩陣是 softmax 的雅可比矩陣的轉置。",
  "p-matrix-hidden":
    "第 {layer} 隱藏層：它的誤差項由第 {next} 層的誤差項透過第 {next} 層的權重得到。{W} 的偏移行要去掉：它乘的是常數 1，而不是第 {layer} 層的輸出，所以誤差不會經它傳回。",
  "p-matrix-components": "逐個元素，每一條等式就是上面逐個節點的公式：",
  "p-matrix-gradient":
    "第 {layer} 層：按 {W} 的形狀排列的權重梯度是誤差項向量和補上 1 的輸入向量的外積。第 ({entry}) 個元素為 {dkyj}；偏移行對應的輸入是常數 1，所以就是誤差項向量本身。",
  "p-matrix-gradient-entries": "逐個元素，即用連鎖律推導出的結果：",
  "p-matrix-update": "梯度下降一次更新整個矩陣：",
  "mx-split": "最後一行是偏移",
  "mx-net": "W 的第 k 列乘以補上 1 的輸入，就是節點 k 的加權輸入",
  "mx-block-product": "分塊相乘：偏移行乘上常數 1",
  "mx-stack": "把該層的誤差項組合成向量",
  "mx-from-index": "每個元素用逐個節點的公式",
  "mx-hadamard": "逐元素乘積：第 k 個元素是兩個向量第 k 個元素的乘積",
  "mx-vectorise": "E 的梯度和活化函數的導數，逐個元素",
  "mx-matvec": "乘積之和是矩陣的一列乘以向量",
  "mx-jacobian": "softmax 的雅可比矩陣的轉置",
  "mx-matvec-w": "對下一層的求和是權重矩陣的第 j 列乘以下一層的誤差項",
  "mx-transpose": "這個矩陣是去掉偏移行的 W 的轉置",
  "mx-outer": "外積的第 (k, j) 個元素是第 k 個元素和第 j 個元素的乘積",
  "mx-block-gradient": "補上 1 的輸入向量的最後一個元素是 1",
  "mx-entry": "矩陣等式的各個元素",
  "mx-update": "對每個元素同時做梯度下降",
};
