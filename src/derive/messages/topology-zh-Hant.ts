// Traditional Chinese (Taiwan) for the messages of topology-en.ts.
import type { topologyEn } from "./topology-en.js";

export const topologyZhHant: Record<keyof typeof topologyEn, string> = {
  "fig-network-graph":
    "神經網路：節點編號與正文相同，按深度分欄，輸入節點在左；輸出節點為綠色；跨欄的連接繞過中間的節點；每欄下方的常數輸入 1 對應下一欄節點的偏移。",
  "fig-network-tied": "同一顏色的連接共用一個權重，見圖例。",
  "fig-depth": "深度 {d}",
  "sec-tied": "共用的權重：對各個用處求全導數",
  "p-network-graph":
    "節點從輸入節點開始編號，使每條連接都從序號小的節點連到序號大的節點：輸入節點為 {inputs}，輸出節點（損失函數讀取的節點）為 {outputs}。輸入節點的輸出就是它的輸入：{yi} = {xi}。只有圖中畫出的連接存在。從節點 j 到節點 k 的連接上的權重記為 {wkj}：後一個節點的序號寫在前面。節點 k 若有偏移，記為 {wbk}，把它看作常數輸入 1 上的一個權重。",
  "p-network-layers":
    "節點的深度是從輸入節點到它的最長路徑上的連接數；這個神經網路的深度為 {depth}。它的節點分成 {count} 層，每層的節點深度相同、活化函數相同、角色相同、偏移的有無也相同，所以一條指標形式的公式就涵蓋整層：",
  "p-network-layers-softmax":
    "節點的深度是從輸入節點到它的最長路徑上的連接數（同一個 softmax 組的節點算作一個，因為它們的輸出是一起計算的）；這個神經網路的深度為 {depth}。它的節點分成 {count} 層，每層的節點深度相同、活化函數相同、角色相同、偏移的有無也相同，所以一條指標形式的公式就涵蓋整層：",
  "p-network-layer": "第 {layer} 層：{nodes}，深度 {depth}，{role}，活化函數 {activation}",
  "p-network-layer-nobias": "第 {layer} 層：{nodes}，深度 {depth}，{role}，活化函數 {activation}，沒有偏移",
  "role-output-feeds": "輸出節點，同時也連到後面的節點",
  "role-dead": "不在任何通往輸出節點的路徑上的節點，誤差項為 0",
  "p-weight-vector-nobias": "每個非輸入節點 k 把它的權重（有偏移時偏移在最後）組合成向量 {wk}。",
  "p-forward-layer-graph":
    "第 {layer} 層（{role}，活化函數 {activation}{written}）包含{nodes}，深度為 {depth}{nobias}。對該層的每個節點 {self}，{pred} 取遍連到它的節點（不論在前面哪一層），",
  "p-chain-layers-graph": "對每一層，用該層的指標字母（j 表示隱藏層節點，i 表示連到它的節點；k 表示輸出節點，j 表示連到它的節點）：",
  "p-forward-matrix-nobias": "整層一起寫：該層各節點的權重作為 {W} 的各列（沒有偏移，所以不補常數 1）：",
  "p-forward-no-matrix": "該層的節點並非都由同樣的節點連入，所以沒有一個權重矩陣能容納整層：上面逐個節點的公式就是它的形式。",
  "def-layer-input": "連到該層的各節點的輸出",
  "p-output-group": "第 {layer} 輸出層，{nodes}：",
  "nodes-one": "節點 {list}",
  "nodes-many": "節點 {list}",
  "layers-one": "第 {list} 層",
  "layers-many": "第 {list} 層",
  "p-output-feeds":
    "這一層的輸出節點 k 既被損失函數讀取，也連到後面的節點。因為 {f} 對每個節點分別作用，它的加權輸入仍然只透過它自己的輸出值 {yk} 影響 E，所以根據連鎖律：",
  "p-output-feeds-total":
    "但是 E 以兩種方式依賴於 {yk}：直接地，作為損失函數讀取的輸出之一；以及透過節點 k 所連到的每個節點 m 的加權輸入 {netm}。全導數把兩者相加：",
  "p-output-feeds-result":
    "所以這種節點的誤差項含有兩項：損失函數本身的導數，和任何輸出節點一樣；以及對它所連到的節點的求和，和隱藏層節點一樣：",
  "total-output-feeds": "全導數：直接透過損失函數，以及透過 k 所連到的每個節點",
  "linearity-y-delta": "每個加權輸入中只有一項依賴於該輸出，其餘是誤差項",
  "p-hidden-graph": "這一層的節點連到{downstream}的節點：一個節點的下游集合就是它所連到的每個節點，不論在哪一層，求和正好取遍這些節點。",
  "p-paths":
    "節點 j 可能沿好幾條路徑到達後面的同一個節點：直接相連，或經過其他節點。全導數仍然只計算每條路徑一次：求和只取遍 j 直接連到的節點，而從 j 出發的每條較長路徑，都包含在它經過的第一個節點的誤差項之中。",
  "p-backprop-graph":
    "一個節點的誤差項需要用到它所連到的每個節點的誤差項，而這些節點都在後面的層。從最後一層往輸入節點逐層計算，每個誤差項在需要時都已經求出：這就是反向傳播。",
  "p-spec-output-feeds": "同時連到後面節點的輸出節點的誤差項：",
  "p-matrix-graph":
    "這個神經網路不是由逐層完整相連的層組成的，所以它的誤差項沒有逐層的矩陣形式：前面各節中逐個節點的公式就是它完整的形式。",
  "p-bp-matrix-graph":
    "這些方程的逐層矩陣形式要求每一層完整地連到下一層而不連到別處；這個神經網路的連接並非如此，所以上面逐個節點的方程就是它的形式。節點都由同樣的節點連入的層，其前向傳播在推導中寫成矩陣乘積。",
  "p-matrix-blocks":
    "這個神經網路的各層由完整的權重區塊相連，每兩個相連的層之間一個矩陣；由它們寫成的誤差項和梯度的矩陣形式，已和開頭的四條方程一起列出。逐個元素來看，它就是前面各節逐個節點的公式。",
  "p-bp-matrix-blocks":
    "以下是逐層的矩陣形式：{delta} 是第 l 層的誤差項；由連接相連的每兩層都完整相連，所以從第 l 層到後面第 m 層的權重組成一個矩陣，上標寫出兩層的序號，後一層在前（{example} 是從第 {from} 層到第 {to} 層的權重）；向後的求和取遍第 l 層所連到的各層 m。{x} 是第 l 層的輸入，即連到它的各層的輸出，末尾補上對應偏移的常數 1；圓圈表示逐個元素相乘。{W} 的梯度的最後一行就是偏移的梯度。逐個元素來看，這些就是上面指標形式的方程。",
  "alg-forward-graph":
    "前向傳播：按節點序號的順序（每個節點都在連到它的節點之後），每個節點 k 計算加權輸入 {net} = {netdef} 和輸出值 {y} = {ydef}，{f} 代表該節點所在層的活化函數；輸入節點 i 輸出它的輸入 {yi} = {xi}。",
  "alg-forward-graph-bias":
    "前向傳播：按節點序號的順序（每個節點都在連到它的節點之後），每個節點 k 計算加權輸入 {net} = {netdef}（只有節點 k 有偏移時才有偏移項）和輸出值 {y} = {ydef}，{f} 代表該節點所在層的活化函數；輸入節點 i 輸出它的輸入 {yi} = {xi}。",
  "alg-output-graph": "輸出節點：對每個輸出節點 k，誤差項 {d} = {bp1}，見 {ref}。",
  "alg-output-mixed": "輸出層：對每個輸出節點 k，用它所在層的誤差項，見 {ref} 及其後的方程。",
  "alg-hidden-graph": "隱藏層，從最後一層往前：對每個隱藏層節點 j，誤差項 {d} = {bp2}，見 {ref}，求和取遍 j 所連到的節點。",
  "alg-tied": "共用的權重：每組綁定的權重只有一個值 {theta}；它的梯度是各個用處的梯度之和，並用這個和只更新一次。",
  "p-tied-intro":
    "這個神經網路有些連接共用權重：下面每一組只有一個值（例如 {theta}），由組內每條連接共用。把每條連接的權重看作各自的變數，上面的連鎖律給出這一個用處的梯度：後一個節點的誤差項乘以前一個節點的輸出。共用的值同時改變它所有的用處，所以根據全導數公式，它的梯度是對各個用處的求和；梯度下降用這個和只更新共用的值一次，組內每條連接隨之一起改變。",
  "p-tied-group": "{count} 條連接共用值 {theta}：",
  "tied-share": "綁定：組內每條連接都使用共用的值",
  "total-tied": "對共用值的各個用處求全導數",
  "update-tied": "梯度下降的一步，對共用的值只做一次",
  "p-updates-tied":
    "這一層有些連接與別的連接共用權重：對它們而言，上面的規則是這一個用處所要求的改變，而共用的值（例如 {theta}）按其所有用處之和只改變一次，如共用權重一節所推導。",
  "p-tied-after": "每個用處貢獻的項，正是它作為獨立權重時會貢獻的項：沒有遺漏，也沒有重複計算。",
  // Softmax groups whose members differ in having a bias.
  "p-network-layers-softmax-mixed":
    "節點的深度是從輸入節點到它的最長路徑上的連接數（同一個 softmax 組的節點算作一個，因為它們的輸出是一起計算的）；這個神經網路的深度為 {depth}。它的節點分成 {count} 層，每層的節點深度相同、活化函數相同、角色相同，所以一條指標形式的公式就涵蓋整層；同一層的節點偏移的有無也相同，只有 softmax 組例外：不論其節點有沒有偏移，一個 softmax 組就是一層：",
  "p-network-layer-somebias": "第 {layer} 層：{nodes}，深度 {depth}，{role}，活化函數 {activation}，只有{biased} 有偏移",
  "bias-only-at": "，只有{nodes} 有偏移",
  "p-forward-matrix-somebias":
    "整層一起寫：該層各節點的權重向量作為 {W} 的各列，該層的輸入向量末尾補上常數 1（沒有偏移的{nodes}，所在列的最後一行元素為 0）：",
  // Softmax output groups whose nodes also feed later nodes.
  "p-output-softmax-feeds-total":
    "這一層的節點既被損失函數讀取，也連到後面的節點，所以 E 以兩種方式依賴於每個輸出 {yi}：直接地，作為損失函數讀取的輸出之一；以及透過節點 i 所連到的每個節點 m 的加權輸入 {netm}（不連到其他節點的節點則沒有這一部分）。全導數把兩者相加：",
  "p-output-softmax-feeds-result":
    "所以這一層節點的誤差項，是對該層每個輸出求和：損失函數本身的導數，加上從該輸出所連到的節點傳回來的部分：",
  "total-output-feeds-softmax": "全導數：直接透過損失函數，以及透過 i 所連到的每個節點",
  "p-spec-output-softmax-feeds":
    "這一層節點的誤差項：直接透過損失函數的部分，和不連到其他節點的輸出層一樣；以及透過該層輸出所連到的節點傳回來的部分：",
};
