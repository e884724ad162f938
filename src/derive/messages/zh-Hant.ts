// Traditional Chinese as written in Taiwan (checked with OpenCC's cn -> tw conversion, which must
// change nothing, and against a list of mainland terms): 前向傳播, 反向傳播, 誤差項, 全導數, 連鎖律,
// 隱藏層, 輸出層, 權重, 偏移, 加權輸入, 活化函數, 梯度下降, 交叉熵, 神經網路, 機率. In a matrix, 列 is
// a row and 行 a column (the mainland's usage is the other way round).
// Typed as Messages: a key missing from this table, or one that en.ts does not have, is a compile error.
import type { Messages } from "./en.js";
import { sectionsZhHant } from "./sections-zh-Hant.js";
import { proseZhHant } from "./prose-zh-Hant.js";
import { labelsZhHant } from "./labels-zh-Hant.js";
import { matrixZhHant } from "./matrix-zh-Hant.js";
import { documentZhHant } from "./document-zh-Hant.js";
import { checkZhHant } from "./check-zh-Hant.js";
import { shortZhHant } from "./short-zh-Hant.js";
import { batchZhHant } from "./batch-zh-Hant.js";
import { rnnZhHant } from "./rnn-zh-Hant.js";
import { convZhHant } from "./conv-zh-Hant.js";
import { poolZhHant } from "./pool-zh-Hant.js";
import { codeZhHant } from "./code-zh-Hant.js";
import { topologyZhHant } from "./topology-zh-Hant.js";

export const zhHant: Messages = {
  ...sectionsZhHant,
  ...proseZhHant,
  ...labelsZhHant,
  ...matrixZhHant,
  ...documentZhHant,
  ...checkZhHant,
  ...topologyZhHant,
  ...shortZhHant,
  ...batchZhHant,
  ...rnnZhHant,
  ...convZhHant,
  ...poolZhHant,
  ...codeZhHant,
};
