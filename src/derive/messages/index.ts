// Message lookup: section text and step labels in the proof's language. Every table is a complete
// Messages (a key missing in any language is a compile error), and a lookup never falls back: an
// unknown language or key is a bug of the caller, and throws.
import * as b from "../../expr/build.js";
import type { Expr } from "../../expr/types.js";
import { parseSyntax, type Syntax } from "../../rules/parse.js";
import type { Inline } from "../proof.js";
import { en, type MessageKey, type Messages } from "./en.js";
import { zhHant } from "./zh-Hant.js";

export type { MessageKey, Messages } from "./en.js";

export const LANGUAGES = { en, "zh-Hant": zhHant } as const satisfies Record<string, Messages>;
export type Lang = keyof typeof LANGUAGES;

export const isLang = (s: string): s is Lang => Object.hasOwn(LANGUAGES, s);

/**
 * A text with its placeholders ({name}) filled, the one way every text is filled: a placeholder
 * with no value is left as written (a message filled in two stages keeps the rest for later).
 */
export const fill = (template: string, values: Readonly<Record<string, string | number>>): string =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(values, k) ? String(values[k]) : m));

export function label(lang: string, key: MessageKey): string {
  if (!isLang(lang)) throw new Error(`unknown language "${lang}"; known: ${Object.keys(LANGUAGES).join(", ")}`);
  return LANGUAGES[lang][key];
}

/** A reference to an anchored equation: documents print its number or tag. */
export interface Ref {
  readonly ref: string;
  /** How it reads where numbers are not available: "(BP1)". */
  readonly text: string;
}

/** A placeholder's value: a formula, a reference, text, a number, or a filled message. */
export type Param = Expr | Ref | string | number | readonly Inline[];

/** A single index letter standing alone in prose ("node k") is set as mathematics. */
const INDEX_LETTER = /(?<![A-Za-z0-9_'(])([ijklm])(?![A-Za-z0-9_'(])/g;

/**
 * In a step's justification, a variable letter standing alone ("for x > 0", "the j-th term",
 * "entry (k, j)") is set as mathematics too; a function's argument ("sign(x)") stays as written.
 */
const LABEL_LETTER = /(?<![A-Za-z0-9_'])(?<![A-Za-z]\()([ijklmxy])(?![A-Za-z0-9_'(])/g;

function prose(text: string, letters = INDEX_LETTER): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(letters)) {
    if (m.index! > last) out.push({ text: text.slice(last, m.index) });
    out.push({ math: { kind: "index", index: { kind: "var", name: m[1]! } } });
    last = m.index! + 1;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/**
 * A formula written in a message between dollar signs ("$1 - sigma(x)$", "$y = sigma(x)$"), in
 * the grammar of user formulas: our own text, read into our own trees like any formula. A
 * relation (=, >, <) is set between its two sides.
 */
function labelMath(text: string): Inline[] {
  const sides = text.split(/\s([=<>])\s/);
  return sides.map((part, i): Inline => (i % 2 === 1 ? { text: ` ${part} ` } : { math: fromSyntax(parseSyntax(part)) }));
}

const CALLS: Readonly<Record<string, string>> = { sigmoid: "sigma" };

function fromSyntax(s: Syntax): Expr {
  switch (s.kind) {
    case "number":
      return b.num(s.value);
    case "name":
      return b.sym(s.name);
    case "call":
      return b.call(CALLS[s.fn] ?? s.fn, [fromSyntax(s.arg)]);
    case "unary":
      return s.op === "-" ? b.neg(fromSyntax(s.arg)) : fromSyntax(s.arg);
    case "binary": {
      const l = fromSyntax(s.left);
      const r = fromSyntax(s.right);
      return s.op === "+"
        ? b.add(l, r)
        : s.op === "-"
          ? b.sub(l, r)
          : s.op === "*"
            ? b.mul(l, r)
            : s.op === "/"
              ? b.div(l, r)
              : b.pow(l, r);
    }
  }
}

/** Text with formulas between dollar signs; a placeholder never sits inside one. */
const proseWithMath = (text: string, letters = INDEX_LETTER): Inline[] =>
  text.split("$").flatMap((part, i) => (i % 2 === 1 ? labelMath(part) : part === "" ? [] : prose(part, letters)));

/** A step's justification as text and letters set as mathematics, for the documents to typeset. */
export const labelInline = (label: string): Inline[] => proseWithMath(label, LABEL_LETTER);

const isInlines = (v: Param): v is readonly Inline[] => Array.isArray(v);

/** A message with its placeholders filled: text stays text, formulas become inline math. */
export function message(lang: string, key: MessageKey, params: Record<string, Param> = {}): Inline[] {
  const out: Inline[] = [];
  const template = label(lang, key);
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    const v = params[m[1]!];
    if (v === undefined) throw new Error(`message "${key}" needs a value for {${m[1]}}`);
    if (m.index! > last) out.push(...proseWithMath(template.slice(last, m.index)));
    if (typeof v !== "object") out.push({ text: String(v) });
    else if (isInlines(v)) out.push(...v);
    else if ("ref" in v) out.push({ text: v.text, ref: v.ref });
    else out.push({ math: v });
    last = m.index! + m[0].length;
  }
  if (last < template.length) out.push(...proseWithMath(template.slice(last)));
  return out;
}

/** The reasons a check gives for not comparing, in the order it names them (src/check/types.ts). */
const REASON_KEYS = ["overflow", "unrepresentable", "sampled-out", "kink", "vacuous"] as const;

/**
 * ", 3 not compared (2 ..., 1 ...)" in the language, from counts by reason; "" when every row or
 * step was compared, so that a sentence reads the same as before for a check that skipped nothing.
 */
export function notComparedText(lang: string, counts: Readonly<Partial<Record<string, number>>>): string {
  const present = REASON_KEYS.filter((r) => (counts[r] ?? 0) > 0);
  const n = present.reduce((s, r) => s + counts[r]!, 0);
  if (n === 0) return "";
  const reasons = present.map((r) => fill(label(lang, `reason-${r}`), { n: counts[r]! })).join(lang === "zh-Hant" ? "、" : ", ");
  return fill(label(lang, "not-compared"), { n, reasons });
}
