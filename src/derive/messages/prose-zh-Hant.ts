// Traditional Chinese (Taiwan) for the messages of prose-en.ts.
import type { proseEn } from "./prose-en.js";

export const proseZhHant: Record<keyof typeof proseEn, string> = {
  "p-network":
    "這個神經網路共有 {layers} 層，各層節點數為 {sizes}。節點跨層連續編號，輸入層在先：輸入層的節點為 {inputs}，輸出層的節點為 {outputs}。輸入節點的輸出就是它的輸入：{yi} = {xi}。從節點 j 到節點 k 的連接上的權重記為 {wkj}：後一層的序號寫在前一層的序號之前。節點 k 的偏移記為 {wbk}，把它看作常數輸入 1 上的一個權重。",
  "p-weight-vector": "每個非輸入節點 k 把它的權重（偏移在最後）組合成向量 {wk}；該層的輸入向量在末尾補上常數 1。",
  "p-forward-layer": "第 {layer} 層（{role}，活化函數 {activation}{written}）：對該層的每個節點 {self}，{pred} 取遍連接到它的上一層節點，",
  "written-as": "，記為 {fn}",
  "without-biases": "，沒有偏移",
  "p-forward-nodes": "逐個節點寫出：",
  "p-forward-matrix": "整層一起寫：該層各節點的權重向量作為 {W} 的各列，該層的輸入向量末尾補上常數 1：",
  "p-softmax-forward": "softmax 不是逐個元素作用的：該層的每個輸出 {y} 都依賴於該層所有節點的加權輸入。",
  "p-loss": "損失函數 E 把一個訓練樣本的輸出和目標值 {t} 作比較：",
  "p-descent": "梯度下降把每個權重沿梯度的反方向移動，學習率為 {eta}：",
  "p-delta": "定義節點 k 的誤差項為損失函數對其加權輸入的導數：",
  "p-chain":
    "E 只透過 {netk} 依賴於 {wkj}，而 {netk} 中只有求和的第 j 項含有 {wkj}。根據連鎖律，對每個非輸入節點 k 和連接到它的每個節點 j：",
  "p-chain-bias": "偏移就是常數輸入 1 上的權重：",
  "p-chain-bias-notes": "偏移就是常數輸入 1 上的權重，所以同樣的論證得到 {lhs} = {rhs}。",
  "p-chain-layers": "對每一層，用該層的指標字母（i 表示連到隱藏層的節點，j 表示隱藏層節點，k 表示其後一層的節點）：",
  "p-gradient-known": "因為 {y} 在前向傳播中已經求出，所以只要求出誤差項，就能計算出每個權重的梯度。",
  "p-output-elementwise": "因為 {f} 對每個節點分別作用，輸出層節點 k 只透過它自己的輸出值 {yk} 影響 E。根據連鎖律：",
  "p-output-softmax":
    "使用 softmax 時，依賴於 {netk} 的不只有 {yk}：該層的每個輸出 {yi} 都依賴於它。所以節點 k 不只透過 {yk} 影響 E，全導數要對整層求和：",
  "p-output-nodes": "對每個輸出層節點：",
  "p-hidden-layer":
    "第 {layer} 隱藏層：節點 j 的輸出值 {yj} 是其下游每個節點 k 的輸入，所以 E 透過每個 {netk} 依賴於 {netj}。根據全導數公式：",
  "p-hidden-inner": "每個 {netk} 透過 {yj} 依賴於 {netj}：",
  "p-hidden-softmax": "這一層使用 softmax，所以 {netj} 會改變該層的每個輸出。先透過下游節點求 E 對每個輸出的導數，再對整層求全導數：",
  "p-hidden-nodes": "對該層的每個節點：",
  "p-backprop": "一層的誤差項需要用到下一層的誤差項：這就是反向傳播，從輸出層往輸入層逐層計算。",
  "p-updates-layer": "第 {layer} 層：",
  "p-updates-nodes": "該層的每個權重和偏移：",
  "p-spec-activation": "第 {layer} 層使用 {activation}；根據引理 {lemma}，它的導數為：",
  "p-spec-loss": "損失函數為{loss}。在它對輸出節點的求和中，只有節點 {q} 本身那一項依賴於 {yk}：",
  "p-spec-output": "輸出層節點的誤差項：",
  "p-spec-hidden": "第 {layer} 隱藏層節點的誤差項：",
  "p-spec-nodes": "逐個節點：",
  "p-assumption": "這一步假設該層的目標值之和為 1，就像機率分佈那樣：",
  "p-lemma": "引理 {n}（{activation}）。",
  "p-lemma-y": "引理 {n}（{activation}），其輸出記為 {y} = {fx}。",
  "p-verification":
    "上面的每個梯度公式，都用與印出的相同的式子，在一個隨機取樣的點（亂數產生器 {seed}）上求值，並與{method}比較：共 {total} 個權重和偏移中檢查了 {checked} 個，失敗 {failed} 個{notCompared}，最大相對誤差 {worst}（容差 {tolerance}）。",
  "p-verification-rows": "相對誤差最大的 {shown} 項檢查：",
  "col-parameter": "參數",
  "col-derived": "推導值",
  "col-numeric": "有限差分",
  "col-error": "相對誤差",
  "col-ok": "通過",
  "p-loss-mse": "這是誤差平方和的一半：係數 1/2 正好抵消對平方微分時產生的 2。",
  "p-loss-sse": "這是誤差平方和。",
  "p-loss-ce":
    "這是交叉熵。輸出層為 softmax 且目標值之和為 1 時，它等於 log-sum-exp 形式 {lse}，實際計算時最好用這個形式：先從每個加權輸入減去其中的最大值，其中的指數就不會溢位。",
  "p-loss-ce-plain": "這是交叉熵。",
  "p-loss-bce": "這是二元交叉熵，目標值介於 0 和 1 之間。",
  "p-loss-custom": "這是給定的損失函數，對所有輸出節點求和。",
  "p-sign": "依照這個符號，誤差項是 E 隨加權輸入增加的變化率，更新時要減去它；有些教材把誤差項定義為相反的符號，更新時就改為加上。",
  "p-hidden-example": "以節點 {n} 為例寫出：",
  "p-hidden-same": "第 {layer} 隱藏層：同樣的論證，對其每個節點 {nodes} 的下游節點求和，得到",
  "p-spec-same": "第 {layer} 層同樣使用 {activation}，所以它的誤差項形式相同：{result}。",
  "p-spec-example": "以節點 {n} 為例：",
  "p-lemma-sign": "這裡 $sign(x)$ 依 $x$ 為負、零或正分別取 −1、0 或 1。絕對值在 0 處不可微；在該處公式取 0 的符號為 0。",
  "p-iverson": "這裡 [P] 表示艾佛森括號：命題 P 成立時為 1，不成立時為 0。",
  "p-summary-intro":
    "E 是一個訓練樣本的損失：它把輸出節點的輸出值 {yk} 和目標值 {tk} 作比較。訓練就是讓每個權重和偏移沿 E 的梯度的反方向移動，而反向傳播只要從輸出往回走一遍，就能求出所有這些梯度。對這個神經網路，訓練的一步如下；本節之後的各節逐個節點推導指標形式的每一條公式。",
  "alg-forward":
    "前向傳播：逐層計算，每個節點 k 求出加權輸入 {net} = {netdef}，再求出輸出 {y} = {ydef}，{f} 代表該節點所在層的活化函數；輸入節點 i 的輸出就是它的輸入，{yi} = {xi}。",
  "alg-output": "輸出層：對每個輸出節點 k，誤差項 {d} = {bp1}，見 {ref}。",
  "alg-hidden": "隱藏層，從最後一層往回到第一層：對每個隱藏節點 j，誤差項 {d} = {bp2}，見 {ref}。",
  "alg-hidden-mixed": "隱藏層，從最後一層往回到第一層：對每個隱藏節點 j，用該層的誤差項公式，見 {ref}。",
  "alg-update": "更新：每個權重和偏移以學習率 {eta} 沿梯度的反方向移動，見 {ref3} 與 {ref4}：{w} 變為 {wupd}，{wb} 變為 {wbupd}。",
  "p-bp-index":
    "這個神經網路的反向傳播四條方程：輸出層和隱藏層的誤差項，以及每個權重和偏移的梯度。後兩條中，k 是任一非輸入節點，j 是連到它的節點；j 為輸入節點時 {yj} = {xj}。",
  "p-bp-matrix":
    "逐層寫成矩陣形式：{delta} 是第 l 層的誤差項，{Wbar} 是該層去掉偏移行的權重矩陣，{x} 是該層末尾補上常數 1 的輸入（前一層的輸出；第一層則為神經網路的輸入），圓圈表示逐元素相乘。{W} 的梯度的最後一行就是偏移的梯度。",
  "p-bp-matrix-why":
    "這些式子逐個元素由指標形式得到。{back} 的第 j 個元素是 {sum}，即 (BP2) 中的求和，所以每個誤差向量的第 j 個元素就是節點 j 的誤差項；{outer} 的第 ({entry}) 個元素是 {dkyj}，即 (BP3)；它的最後一行對應常數輸入 1，是 {dk}，即 (BP4)。",
  "p-table": "內建的活化函數及其導數；最後一欄把導數寫成輸出 $y = f(x)$ 的函數，這是反向傳播所用的形式，因為 $y$ 在前向傳播中已經求出。",
  "col-activation": "活化函數",
  "col-f": "f(x)",
  "col-fprime": "f'(x)",
  "col-fprime-y": "用 y 表示",
  "p-pairs": "以下輸出層活化函數與損失函數的組合，輸出節點的誤差項就是 {d}：",
  "pair-softmax-ce": "softmax 配交叉熵",
  "pair-sigmoid-bce": "sigmoid 配二元交叉熵",
  "pair-identity-mse": "恆等函數配誤差平方和的一半",
  "p-legend":
    "每條式子右側註明所依據的法則，後面是一個標記：✓ 已數值驗證，≡ 定義、記號或所作的假設、無需驗證，✗ 數值驗證失敗，○ 未比較：不在抽樣檢查之內、在所取的點上無法以雙精度得到有限值，或只有連 0 也會通過的一致（標記的提示或驗證一節會說明是哪一種）。",
  "p-check-box":
    "每個權重 {w} 推導出的梯度 {g}，都與中心差分 {d} = {difference} 比較，其中 E 的計算獨立於推導，{h} 很小；兩者的相對誤差為 {rel}。",
  "p-check-result":
    "結果：共 {total} 個梯度中檢查了 {checked} 個，失敗 {failed} 個{notCompared}，最大相對誤差 {worst}（容差 {tolerance}）。推導的每一步也都以同樣的方式檢查過；詳見附錄。",
  "p-check-result-plain":
    "結果：共 {total} 個梯度中檢查了 {checked} 個，失敗 {failed} 個{notCompared}，最大相對誤差 {worst}（容差 {tolerance}）。",
};
