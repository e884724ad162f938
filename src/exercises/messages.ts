// The sheets' own words, in English and in Traditional Chinese (Taiwan usage). A placeholder
// {name} takes text or a formula; every sentence holds for every network it is used for.
import type { Piece } from "./types.js";

const en = {
  sheetTitle: "Exercises: backpropagation",
  keyTitle: "Exercises: backpropagation (answers)",
  network:
    "The network: nodes are numbered from the inputs on; the weight of the edge from node j to node k is {wkj}, the bias of node k is {wbk}.",
  inputsNodes: "Inputs: nodes {nodes}.",
  inputNode: "Input: node {nodes}.",
  nodeLine: "Node {k}: activation {act}, fed by nodes {from}.",
  nodesLine: "Nodes {k}: activation {act}, each fed by nodes {from}.",
  lossLine: "Outputs: nodes {nodes}; loss: {loss}.",
  lossLineOne: "Output: node {nodes}; loss: {loss}.",
  tiedLine: "The weights {ws} share one value (given as {w}).",
  numbersIntro: "The numeric exercises use these numbers (inputs, targets, learning rate, weights and biases):",
  exercise: "Exercise {n}",
  part: "Network {n}",
  keyNumbers: "The numbers in parentheses on the right are those of the notes' equations that a line is, or that it evaluates.",
  compute: "Compute {q}.",
  computeE: "Compute the loss {q}.",
  computeDelta: "Compute the error term {q}.",
  computeGradient: "Compute the gradient {q}.",
  computeUpdated: "Compute the new value of {q} after one step of gradient descent with learning rate {eta}.",
  deriveOutput: "Derive the error term {d} of output node {k} (activation {act}, loss {loss}).",
  showOutput: "Show that {claim} for output node {k} (activation {act}, loss {loss}).",
  deriveHidden: "Derive the error term {d} of node {j}, which feeds the nodes {down}.",
  deriveHiddenDepths: "Derive the error term {d} of node {j}, which feeds the nodes {down}, at different depths.",
  deriveTied: "The weights {ws} share one value {theta}. Derive the gradient of the loss with respect to {theta} and its update.",
  deriveMatrix: "Derive the error terms of hidden layer {l} in matrix form: {d} in terms of the error terms of the layer after it.",
  spot: "This formula has one mistake. Find it and write the correct formula:",
  batch: "A mini-batch holds the {n} examples below, and its loss is the mean of their losses. Compute the gradient {q} of the batch.",
  batchSum: "A mini-batch holds the {n} examples below, and its loss is the sum of their losses. Compute the gradient {q} of the batch.",
  batchExample: "Example {d}: inputs {x}; targets {t}.",
  answerNumeric: "From the forward pass and the error terms, each quantity as its formula, with the numbers substituted, and its value:",
  answerValue: "Answer: {q} = {v} (to four significant digits).",
  answerDerivation: "The derivation, step by step:",
  answerBatch:
    "The gradient of the batch is the mean of the examples' gradients, each the error term of its node times the input of the weight at that example:",
  answerBatchSum:
    "The gradient of the batch is the sum of the examples' gradients, each the error term of its node times the input of the weight at that example:",
  checkedNumbers: "Every line was compared with an independent evaluation of the network at these numbers.",
  checkedSteps: "Every step was compared numerically with an independent evaluation of the network at random points.",
  mistake: "The mistake: {what}. The correct formula:",
  mistakeFailed: "At random points of the network the wrong formula and the true value differ; the correct one agrees with them.",
  "drop-fprime": "the derivative of the activation is missing: the chain rule passes through the activation",
  "swap-wkj": "the indices of a weight are swapped: the weight of the edge from node j to node k is {wkj}",
  "drop-sum-term": "a term of the sum is missing: every node it feeds contributes to the total derivative",
  "wrong-set": "the sum runs over the wrong set of nodes",
  "flip-sign": "a sign is wrong",
  "drop-half-mse": "the factor 1/2 of the squared error is lost (or doubled)",
  "y-for-y(1-y)": "the derivative of the sigmoid is {dsig}, not {y}",
  "softmax-elementwise":
    "softmax is treated as elementwise: every output of the layer depends on every weighted input of the layer, so the total derivative sums over the whole layer",
  rnnNetwork:
    "A recurrent network read over {T} steps: at step t it reads an input of {nx} numbers and its own hidden state of the step before, and computes a hidden state of {nh} units and an output of {ny} units, with the same weights U, W, V and biases b, c at every step:",
  rnnActivations: "The hidden activation f is {f}; the output activation g is {g}.",
  rnnLossEvery: "Every step's output has a target; the loss E is the sum over the steps of {loss}.",
  rnnLossLast: "Only the last step's output has a target; the loss E is {loss} of that output.",
  rnnComputeDelta: "One step of backpropagation through time: compute the entry {q} of the error term of the hidden state at step {t}.",
  rnnComputeGradient: "Compute the entry {q} of the gradient of the loss with respect to the shared matrix {m}, summed over the steps.",
  rnnGiven: "At the sheet's numbers the forward and backward passes give {given}.",
  rnnAnswerNumeric: "The formula, with the numbers substituted, and its value:",
  rnnDeriveDelta:
    "Derive the error term {d} of the hidden state at step t by the total derivative over the two sets of nodes that read {h}: the output {o} and the next step's {a}.",
  kernelCompute:
    "The first layer's kernel {K} is shared by every window of the input. Compute the entry {q} of the gradient of the loss with respect to it.",
  kernelGiven: "At the sheet's numbers the backward pass gives the error terms {given}.",
  kernelAnswer:
    "The gradient of a kernel entry is the sum over the windows of the error term of the filter's output there times the input under that entry of the kernel (the correlation of the input with the error terms):",
  kernelDerive:
    "Every window of the input uses the same entry {K} of the first layer's kernel; write {use} for its use by the window at {at} of the output, as if it were a weight of its own. Derive the gradient {q} as the correlation of the input with the error terms.",
  and: " and ",
  comma: ", ",
  bias: "the constant 1",
} as const;

export type ExerciseMessageKey = keyof typeof en;

const zhHant: Record<ExerciseMessageKey, string> = {
  sheetTitle: "練習題：反向傳播",
  keyTitle: "練習題：反向傳播（解答）",
  network: "網路：節點從輸入開始編號；從節點 j 到節點 k 的邊的權重為 {wkj}，節點 k 的偏移為 {wbk}。",
  inputsNodes: "輸入：節點 {nodes}。",
  inputNode: "輸入：節點 {nodes}。",
  nodeLine: "節點 {k}：活化函數 {act}，輸入來自節點 {from}。",
  nodesLine: "節點 {k}：活化函數 {act}，每個節點的輸入來自節點 {from}。",
  lossLine: "輸出：節點 {nodes}；損失函數：{loss}。",
  lossLineOne: "輸出：節點 {nodes}；損失函數：{loss}。",
  tiedLine: "權重 {ws} 共用同一個值（以 {w} 給出）。",
  numbersIntro: "數值題使用下列數值（輸入、目標、學習率、權重與偏移）：",
  exercise: "第 {n} 題",
  part: "網路 {n}",
  keyNumbers: "右側括號中的編號是講義中的方程式編號：該行即為該方程式，或是代入該方程式計算。",
  compute: "計算 {q}。",
  computeE: "計算損失 {q}。",
  computeDelta: "計算誤差項 {q}。",
  computeGradient: "計算梯度 {q}。",
  computeUpdated: "以學習率 {eta} 做一步梯度下降，計算 {q} 的新值。",
  deriveOutput: "推導輸出節點 {k} 的誤差項 {d}（活化函數 {act}，損失函數 {loss}）。",
  showOutput: "證明輸出節點 {k} 滿足 {claim}（活化函數 {act}，損失函數 {loss}）。",
  deriveHidden: "推導節點 {j} 的誤差項 {d}；節點 {j} 連到節點 {down}。",
  deriveHiddenDepths: "推導節點 {j} 的誤差項 {d}；節點 {j} 連到位於不同深度的節點 {down}。",
  deriveTied: "權重 {ws} 共用同一個值 {theta}。推導損失對 {theta} 的梯度及其更新。",
  deriveMatrix: "以矩陣形式推導隱藏層 {l} 的誤差項：以下一層的誤差項表示 {d}。",
  spot: "下列公式有一處錯誤。請找出錯誤並寫出正確的公式：",
  batch: "一個小批次包含下列 {n} 筆樣本，其損失為各樣本損失的平均。計算此批次的梯度 {q}。",
  batchSum: "一個小批次包含下列 {n} 筆樣本，其損失為各樣本損失的總和。計算此批次的梯度 {q}。",
  batchExample: "樣本 {d}：輸入 {x}；目標 {t}。",
  answerNumeric: "由前向傳播與誤差項依序求出：每個量先寫公式，再代入數值，最後得到其值：",
  answerValue: "答案：{q} = {v}（四位有效數字）。",
  answerDerivation: "逐步推導如下：",
  answerBatch: "批次的梯度是各樣本梯度的平均；每個樣本的梯度是該節點的誤差項乘以該權重在此樣本的輸入：",
  answerBatchSum: "批次的梯度是各樣本梯度的總和；每個樣本的梯度是該節點的誤差項乘以該權重在此樣本的輸入：",
  checkedNumbers: "每一行都已在這些數值下與網路的獨立計算比對過。",
  checkedSteps: "每一步都已在隨機取點下與網路的獨立計算做過數值比對。",
  mistake: "錯誤在於：{what}。正確的公式：",
  mistakeFailed: "在網路的隨機取點上，錯誤的公式與真實值不同；正確的公式則與之相符。",
  "drop-fprime": "少了活化函數的導數：連鎖律必須經過活化函數",
  "swap-wkj": "權重的下標前後對調了：從節點 j 到節點 k 的邊的權重是 {wkj}",
  "drop-sum-term": "總和少了一項：它所連到的每個節點都對全導數有貢獻",
  "wrong-set": "求和的節點集合錯了",
  "flip-sign": "有一個正負號錯了",
  "drop-half-mse": "平方誤差的 1/2 因子遺漏了（或多乘了 2）",
  "y-for-y(1-y)": "sigmoid 的導數是 {dsig}，不是 {y}",
  "softmax-elementwise": "把 softmax 當成逐元素函數：該層的每個輸出都依賴該層所有的加權輸入，所以全導數要對整層求和",
  rnnNetwork:
    "一個讀取 {T} 個時間步的遞迴網路：在第 t 步，它讀入 {nx} 個數的輸入與前一步自己的隱藏狀態，計算 {nh} 個單元的隱藏狀態與 {ny} 個單元的輸出；每一步使用相同的權重 U、W、V 與偏移 b、c：",
  rnnActivations: "隱藏層活化函數 f 為 {f}；輸出活化函數 g 為 {g}。",
  rnnLossEvery: "每一步的輸出都有目標；損失 E 是各步{loss}的總和。",
  rnnLossLast: "只有最後一步的輸出有目標；損失 E 是該輸出的{loss}。",
  rnnComputeDelta: "沿時間反向傳播的一步：計算第 {t} 步隱藏狀態誤差項的分量 {q}。",
  rnnComputeGradient: "計算損失對共用矩陣 {m} 的梯度分量 {q}（對所有時間步求和）。",
  rnnGiven: "在本題的數值下，前向與反向傳播得到 {given}。",
  rnnAnswerNumeric: "公式、代入數值，以及其值：",
  rnnDeriveDelta: "以全導數推導第 t 步隱藏狀態的誤差項 {d}：讀取 {h} 的節點只有兩組，即本步的輸出 {o} 與下一步的 {a}。",
  kernelCompute: "第一層的卷積核 {K} 由輸入的每個窗口共用。計算損失對它的梯度分量 {q}。",
  kernelGiven: "在本題的數值下，反向傳播得到誤差項 {given}。",
  kernelAnswer:
    "卷積核分量的梯度，是對所有窗口求和：該濾波器在此窗口的輸出誤差項，乘以卷積核該分量所對應的輸入（即輸入與誤差項的互相關）：",
  kernelDerive:
    "輸入的每個窗口都使用第一層卷積核的同一個分量 {K}；把輸出位置 {at} 的窗口對它的使用記為 {use}，視為一個獨立的權重。推導梯度 {q}，並說明它是輸入與誤差項的互相關。",
  and: "與",
  comma: "、",
  bias: "常數 1",
};

const TABLES: Record<string, Record<ExerciseMessageKey, string>> = { en, "zh-Hant": zhHant };

export type Fill = string | number | readonly Piece[];

/** A message with its placeholders filled: text stays text, formulas stay formulas. */
export function say(lang: string, key: ExerciseMessageKey, params: Record<string, Fill> = {}): Piece[] {
  const template = (TABLES[lang] ?? en)[key];
  const out: Piece[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{([a-z]+)\}/gi)) {
    const v = params[m[1]!];
    if (v === undefined) continue;
    if (m.index > last) out.push({ text: template.slice(last, m.index) });
    if (typeof v === "string" || typeof v === "number") out.push({ text: String(v) });
    else out.push(...v);
    last = m.index + m[0].length;
  }
  if (last < template.length) out.push({ text: template.slice(last) });
  return out;
}

/** The plain words of a message (no placeholders). */
export const word = (lang: string, key: ExerciseMessageKey): string => (TABLES[lang] ?? en)[key];
