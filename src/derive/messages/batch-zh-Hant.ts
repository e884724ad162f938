// Traditional Chinese (Taiwan) for the messages of batch-en.ts.
import type { batchEn } from "./batch-en.js";

export const batchZhHant: Record<keyof typeof batchEn, string> = {
  "sec-batch": "以小批次訓練",
  "p-batch-intro":
    "一個小批次含有 {n} 個訓練樣本，編號為 {d} = 1, …, {n}。前面推導中的每個量都屬於某一個樣本：輸入第 {d} 個樣本時，節點 k 的誤差項為 {deltakd}，節點 j 的輸出值為 {yjd}，而這個樣本本身的損失為 {Ed}。",
  "p-batch-mean": "整個批次的損失是各樣本損失的平均：",
  "p-batch-sum": "整個批次的損失是各樣本損失的總和：",
  "p-batch-gradient":
    "和的導數等於導數的和，而第 {d} 個樣本的損失對權重的依賴方式，與前面各節中單一樣本的損失完全相同。所以每一項就是單一樣本的梯度：{deltakd} 是前面推導出的誤差項在第 {d} 個樣本上的值，{yjd} 是該樣本前向傳播得到的輸出值。對每個非輸入節點 k 和連接到它的每個節點 j：",
  "p-batch-update-mean": "梯度下降每個批次把每個權重移動一次，沿平均梯度的反方向，學習速率為 {eta}：",
  "p-batch-update-sum": "梯度下降每個批次把每個權重移動一次，沿梯度總和的反方向，學習速率為 {eta}：",
  "p-batch-matrix":
    "寫成矩陣形式時，每個樣本成為矩陣的一行，並排在一起（以第一層為例，其他各層相同）：{Delta} 的第 {d} 行是第 {d} 個樣本的誤差項向量 {deltavec}；{X} 的第 {d} 行是第 {d} 個樣本的輸入 {x} 末尾再加常數 1（對後面的層，則是前一層的輸出末尾加 1）；{NET} 的第 {d} 行是該層在第 {d} 個樣本上的加權輸入。誤差矩陣乘以轉置的輸入矩陣，第 k 列第 j 行的元素就是 {product} 對所有樣本的和，所以每一層：",
  "p-batch-matrix-delta": "逐行來看，隱藏層的誤差矩陣就是上面矩陣形式中的誤差項向量，一次一個樣本，該層活化函數的導數作用在每個元素上：",
  "p-batch-matrix-update": "每個批次做一步梯度下降，學習速率為 {eta}：",
  "p-batch-sizes":
    "當 {n} 等於 1 時，每次更新沿單一樣本的梯度：這是隨機梯度下降。批次包含所有訓練樣本時，沿整個訓練集的梯度：這是全批次梯度下降。介於兩者之間的是小批次梯度下降。取平均時，批次的梯度是各樣本梯度的平均，大小不隨 {n} 增長：較大的批次以較小的雜訊估計同一個梯度，適合某個批次大小的學習速率 {eta} 也適合其他批次大小。",
  "p-batch-sizes-sum": "取總和時，梯度與 {n} 成正比增長：{n} 越大，學習速率 {eta} 就必須越小，才能保持每一步的大小不變。",
  "def-batch-loss": "批次的損失",
  "batch-linearity": "和的導數等於導數的和",
  "batch-example-gradient": "每個樣本的梯度，根據上面的連鎖律",
  "mx-batch-gradient": "每個元素是單一樣本對應元素對所有樣本的和",
  "mx-batch-delta": "逐行來看，就是每個樣本的誤差項向量",
  "sec-worked-batch": "小批次的計算實例",
  "p-worked-batch-intro":
    "對含有 {n} 個樣本的批次做一步梯度下降。每個量先寫出公式，一行寫得下時再代入數值，最後給出結果，四捨五入到 {digits} 位有效數字。",
  "p-worked-batch-given": "給定的樣本，每列一個：輸入和目標值。",
  "p-worked-batch-first": "{n} 個樣本中的前 {shown} 個：",
  "p-worked-batch-weights": "學習速率以及權重和偏移，對每個樣本都相同：",
  "p-worked-batch-forward": "每個樣本的前向傳播，每列一個，以及它的損失 {Ed}：",
  "p-worked-batch-deltas": "每個樣本的誤差項，每列一個：",
  "p-worked-batch-first-in-full": "第一個樣本的完整計算：",
  "p-worked-batch-loss-mean": "批次的損失，即各樣本損失的平均：",
  "p-worked-batch-loss-sum": "批次的損失，即各樣本損失的總和：",
  "p-worked-batch-gradients": "批次損失對第 {layer} 層權重和偏移的梯度：",
  "p-worked-batch-updates": "第 {layer} 層更新後的權重和偏移：",
  "p-worked-batch-after-down": "用更新後的權重和偏移，批次的損失從 {before} 降到 {after}。",
  "p-worked-batch-after-up": "用更新後的權重和偏移，批次的損失從 {before} 升到 {after}：對這個批次而言學習速率太大。",
  "p-worked-batch-check":
    "上面每一步都和同樣數值下對神經網路的獨立計算作了比較，批次損失的每個梯度也都和它的中心差分作了比較，只容許四捨五入到 {digits} 位的誤差：檢查了 {total} 個梯度中的 {checked} 個，{failed} 個不符{notCompared}，最大相對誤差 {worst}（容許誤差 {tolerance}）。",
};
