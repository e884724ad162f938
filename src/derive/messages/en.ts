// English: section titles, prose, step labels and the rest, one feature file each (<feature>-en.ts)
// spread into one table. Placeholders {name} take text or formulas.
import { sectionsEn } from "./sections-en.js";
import { proseEn } from "./prose-en.js";
import { labelsEn } from "./labels-en.js";
import { matrixEn } from "./matrix-en.js";
import { documentEn } from "./document-en.js";
import { checkEn } from "./check-en.js";
import { shortEn } from "./short-en.js";
import { batchEn } from "./batch-en.js";
import { rnnEn } from "./rnn-en.js";
import { convEn } from "./conv-en.js";
import { poolEn } from "./pool-en.js";
import { codeEn } from "./code-en.js";
import { topologyEn } from "./topology-en.js";

export const en = {
  ...sectionsEn,
  ...proseEn,
  ...labelsEn,
  ...matrixEn,
  ...documentEn,
  ...checkEn,
  ...topologyEn,
  ...shortEn,
  ...batchEn,
  ...rnnEn,
  ...convEn,
  ...poolEn,
  ...codeEn,
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
