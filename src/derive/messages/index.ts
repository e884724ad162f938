// Message lookup: section text and step labels in the proof's language.
import type { Expr } from "../../expr/types.js";
import type { Inline } from "../proof.js";
import { en, type MessageKey, type Messages } from "./en.js";
import { zhHant } from "./zh-Hant.js";

/** Every table is a complete Messages: a missing key is a compile error, not a silent fallback. */
export const LANGUAGES: Record<string, Messages> = { en, "zh-Hant": zhHant };

export function label(lang: string, key: MessageKey | string): string {
  const table = LANGUAGES[lang] ?? en;
  return (table as Record<string, string>)[key] ?? (en as Record<string, string>)[key] ?? key;
}

/** A message with its placeholders filled: text stays text, formulas become inline math. */
export function message(lang: string, key: MessageKey, params: Record<string, Expr | string | number> = {}): Inline[] {
  const out: Inline[] = [];
  const template = label(lang, key);
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    const v = params[m[1]!];
    if (v === undefined) continue;
    if (m.index! > last) out.push({ text: template.slice(last, m.index) });
    out.push(typeof v === "object" ? { math: v } : { text: String(v) });
    last = m.index! + m[0].length;
  }
  if (last < template.length) out.push({ text: template.slice(last) });
  return out;
}
