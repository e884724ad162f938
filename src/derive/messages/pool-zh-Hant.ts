// 池化節點（最大值與平均）的訊息，台灣用語。Traditional Chinese messages of pooling nodes.
import type { poolEn } from "./pool-en.js";

export const poolZhHant: Record<keyof typeof poolEn, string> = {
  "max-arg": "最大值只隨它最大的那個輸入變動（相等時取其中第一個）：對它為 1，對其他輸入為 0",
  "linearity-average": "每個輸入都以同一個常數權重計入平均",
  "p-forward-max":
    "第 {layer} 層（{nodes}）以最大值池化：每個節點的加權輸入是它所讀取的節點輸出中最大的一個，沒有權重也沒有偏移，它的輸出就是這個值。若有幾個輸入相等且最大，取其中第一個（依節點的順序）為達到最大值的那一個。",
  "p-forward-average":
    "第 {layer} 層（{nodes}）以平均池化：每個節點的加權輸入是它所讀取的節點輸出的平均，每一個都乘上同一個常數（不是學習得來的權重），沒有偏移，它的輸出就是這個值。",
  "p-hidden-pool": "這裡讀取 {yj} 的節點都做池化：{netk} 只經由池化依賴於 {yj}，以下面的導數取代權重。",
  "p-hidden-mixed-pool":
    "讀取 {yj} 的節點中有些做池化：對這些節點，{netk} 對 {yj} 的導數是池化的導數（對達到最大值的輸入為 1，對其他輸入為 0；平均則為其常數權重），對其他節點則是權重 {wkj}。",
  "alg-pool-max":
    "最大值池化：以最大值池化的節點沒有權重也沒有偏移；它的 {net} = {max}（相等時取其中第一個），輸出就是這個值。(BP3) 與 (BP4) 只涉及其他節點。",
  "alg-pool-average":
    "平均池化：以平均池化的節點沒有權重也沒有偏移；它的 {net} 是 {mean} 除以輸入的個數（即輸入的平均），輸出就是這個值。(BP3) 與 (BP4) 只涉及其他節點。",
  "alg-pool-both":
    "池化：做池化的節點沒有權重也沒有偏移，輸出就是它的 {net}：最大值節點為 {max}（相等時取其中第一個），平均節點為 {mean} 除以輸入的個數（即輸入的平均）。(BP3) 與 (BP4) 只涉及其他節點。",
};
