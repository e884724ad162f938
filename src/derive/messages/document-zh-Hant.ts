// Traditional Chinese (Taiwan) for the messages of document-en.ts.
import type { documentEn } from "./document-en.js";

export const documentZhHant: Record<keyof typeof documentEn, string> = {
  contents: "目錄",
  "check-method": "獨立前向計算的中心差分",
  "fig-network": "神經網路：節點編號與正文相同，輸入層在左，輸出層在右；每層的常數輸入 1 對應偏移。",
  "fig-backward": "反向傳播：誤差項",
  "fig-backward-caption":
    "右圖為反向傳播：誤差項 δ 沿連接由右向左傳回，每條連接乘上它的權重，在每個節點再乘上該節點活化函數的導數（標為 {marks}）。",
  "fig-backward-caption-plain": "右圖為反向傳播：誤差項 δ 沿連接由右向左傳回，每條連接乘上它的權重，在每個節點再乘上該節點活化函數的導數。",
  "fig-elided": "節點數超過 {n} 的層只畫出前幾個節點、省略號和最後一個節點。",
  "figure-name": "圖",
  "fig-nodes": "{n} 個節點",
  "fig-nodes-one": "1 個節點",
  "mark-verified": "已數值驗證：{method}，{points} 個點，最大相對誤差 {error}",
  "mark-definition": "定義或記號：無需驗證",
  "mark-failed": "數值驗證失敗：{method}，{points} 個點，最大相對誤差 {error}",
  "mark-unchecked": "{method}",
  gap: "另有 {count} 條同樣形式的式子：節點數超過 {n} 的層只顯示一部分",
  "gap-weights": "另有 {count} 條同樣形式的式子：輸入超過 {n} 個的節點只顯示一部分",
};
