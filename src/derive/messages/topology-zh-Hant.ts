// Traditional Chinese (Taiwan) for the messages of topology-en.ts.
import type { topologyEn } from "./topology-en.js";

export const topologyZhHant: Record<keyof typeof topologyEn, string> = {
  "fig-network-graph":
    "神經網絡：節點編號與正文相同，按深度分欄，輸入節點在左；輸出節點為綠色；跨欄的連接繞過中間的節點；每欄下方的常數輸入 1 對應下一欄節點的偏移。",
  "fig-network-tied": "同一顏色的連接共用一個權重，見圖例。",
  "fig-depth": "深度 {d}",
  "sec-tied": "共用的權重：對各個用處求全導數",
  "p-network-graph":
    "節點從輸入節點開始編號，使每條連接都從序號小的節點連到序號大的節點：輸入節點為 {inputs}，輸出節點（損失函數讀取的節點）為 {outputs}。輸入節點的輸出就是它的輸入：{yi} = {xi}。只有圖中畫出的連接存在。從節點 j 到節點 k 的連接上的權重記為 {wkj}：後一個節點的序號寫在前面。節點 k 若有偏移，記為 {wbk}，把它看作常數輸入 1 上的一個權重。",
  "p-network-layers":
    "節點的深度是從輸入節點到它的最長路徑上的連接數（同一個 softmax 組的節點算作一個，因為它們的輸出是一起計算的）；這個神經網絡的深度為 {depth}。它的節點分成 {count} 層，每層的節點深度相同、激活函數相同、角色相同、偏移的有無也相同，所以一條指標形式的公式就涵蓋整層：",
  "p-network-layer": "第 {layer} 層：節點 {nodes}，深度 {depth}，{role}，激活函數 {activation}",
  "p-network-layer-nobias": "第 {layer} 層：節點 {nodes}，深度 {depth}，{role}，激活函數 {activation}，沒有偏移",
  "role-output-feeds": "輸出節點，同時也連到後面的節點",
  "role-dead": "不在任何通往輸出節點的路徑上的節點，誤差項為 0",
  "p-weight-vector-nobias": "每個非輸入節點 k 把它的權重（有偏移時偏移在最後）組合成向量 {wk}。",
  "p-forward-group": "它的節點為 {nodes}，深度為 {depth}。",
  "p-forward-group-nobias": "它的節點為 {nodes}，深度為 {depth}；這些節點沒有偏移。",
  "p-forward-matrix-nobias": "整層一起寫：該層各節點的權重作為 {W} 的各行（沒有偏移，所以不補常數 1）：",
  "p-forward-no-matrix": "該層的節點並非都由同樣的節點連入，所以沒有一個權重矩陣能容納整層：上面逐個節點的公式就是它的形式。",
  "def-layer-input": "連到該層的各節點的輸出",
  "p-output-group": "第 {layer} 輸出層，節點 {nodes}：",
  "p-output-feeds":
    "這一層的輸出節點 k 既被損失函數讀取，也連到後面的節點。因為 {f} 對每個節點分別作用，它的加權輸入仍然只透過它自己的輸出值 {yk} 影響 E，所以根據鏈式法則：",
  "p-output-feeds-total":
    "但是 E 以兩種方式依賴於 {yk}：直接地，作為損失函數讀取的輸出之一；以及透過節點 k 所連到的每個節點 m 的加權輸入 {netm}。全導數把兩者相加：",
  "p-output-feeds-result":
    "所以這種節點的誤差項含有兩項：損失函數本身的導數，和任何輸出節點一樣；以及對它所連到的節點的求和，和隱藏層節點一樣：",
  "total-output-feeds": "全導數：直接透過損失函數，以及透過 k 所連到的每個節點",
  "linearity-y-delta": "每個加權輸入中只有一項依賴於該輸出，其餘是誤差項",
  "p-hidden-graph":
    "節點 {nodes} 連到第 {downstream} 層的節點：一個節點的下游集合就是它所連到的每個節點，不論在哪一層，求和正好取遍這些節點。",
  "p-backprop-graph":
    "一個節點的誤差項需要用到它所連到的每個節點的誤差項，而這些節點都在後面的層。從最後一層往輸入節點逐層計算，每個誤差項在需要時都已經求出：這就是後向傳播。",
  "p-spec-output-feeds": "同時連到後面節點的輸出節點的誤差項：",
  "p-matrix-graph":
    "這個神經網絡不是由逐層完整相連的層組成的，所以它的誤差項沒有逐層的矩陣形式：前面各節中逐個節點的公式就是它完整的形式。",
  "p-bp-matrix-graph":
    "這些方程的逐層矩陣形式要求每一層完整地連到下一層而不連到別處；這個神經網絡的連接並非如此，所以上面逐個節點的方程就是它的形式。節點都由同樣的節點連入的層，其前向傳播在推導中寫成矩陣乘積。",
  "alg-forward-graph":
    "前向傳播：按節點序號的順序（每個節點都在連到它的節點之後），每個節點 k 計算加權輸入 {net} = {netdef} 和輸出值 {y} = {ydef}，f 為該層的激活函數；輸入節點 i 輸出它的輸入 {yi} = {xi}。",
  "alg-forward-graph-bias":
    "前向傳播：按節點序號的順序（每個節點都在連到它的節點之後），每個節點 k 計算加權輸入 {net} = {netdef}（只有節點 k 有偏移時才有偏移項）和輸出值 {y} = {ydef}，f 為該層的激活函數；輸入節點 i 輸出它的輸入 {yi} = {xi}。",
  "alg-output-graph": "輸出節點：對每個輸出節點 k，誤差項 {d} = {bp1}，見 {ref}。",
  "alg-output-mixed": "輸出層：對每個輸出節點 k，用它所在層的誤差項，見 {ref} 及其後的方程。",
  "alg-hidden-graph": "隱藏層，從最後一層往前：對每個隱藏層節點 j，誤差項 {d} = {bp2}，見 {ref}，求和取遍 j 所連到的節點。",
  "alg-tied": "共用的權重：每組綁定的權重只有一個值 {theta}；它的梯度是各個用處的梯度之和，並用這個和只更新一次。",
  "p-tied-intro":
    "這個神經網絡有些連接共用權重：下面每一組只有一個值（例如 {theta}），由組內每條連接共用。把每條連接的權重看作各自的變數，上面的鏈式法則給出這一個用處的梯度：後一個節點的誤差項乘以前一個節點的輸出。共用的值同時改變它所有的用處，所以根據全導數公式，它的梯度是對各個用處的求和；梯度下降用這個和只更新共用的值一次，組內每條連接隨之一起改變。",
  "p-tied-group": "{count} 條連接共用值 {theta}：",
  "tied-share": "綁定：組內每條連接都使用共用的值",
  "total-tied": "對共用值的各個用處求全導數",
  "update-tied": "梯度下降的一步，對共用的值只做一次",
  "p-tied-after": "每個用處貢獻的項，正是它作為獨立權重時會貢獻的項：沒有遺漏，也沒有重複計算。",
};
