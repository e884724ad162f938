// The verdicts as lines of text: a table of one row per claim, then each failure's counterexample,
// note and correct formula, and what was assumed. Shared by the terminal and the playground.
import { fill } from "../derive/messages/index.js";
import { VERIFY_MESSAGES, type VerifyLang } from "./messages.js";
import type { ClaimResult, VerifyReport } from "./verify.js";

const CLAIM_WIDTH = 56;

const cut = (s: string, n: number): string => {
  const flat = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
  return flat.length > n ? `${flat.slice(0, n - 3)}...` : flat;
};

const number = (x: number): string => (Number.isFinite(x) ? String(Number(x.toPrecision(6))) : "no value");

const bindingText = (b: Readonly<Record<string, number>>): string =>
  Object.entries(b)
    .map(([k, n]) => `${k} = ${n}`)
    .join(", ");

/** The details of one claim, one line each, indented under its row; `correct: false` leaves out the correct formula (shown typeset instead). */
export function claimDetails(r: ClaimResult, lang: VerifyLang = "en", show: { readonly correct?: boolean } = {}): string[] {
  const m = VERIFY_MESSAGES[lang];
  const out: string[] = [];
  if (r.unreadable) out.push(`${m.position} ${r.unreadable.position}: ${r.unreadable.message}`);
  if (r.counterexample) {
    const c = r.counterexample;
    const where = Object.keys(c.binding).length > 0 ? ` ${m.at} ${bindingText(c.binding)}` : "";
    out.push(`${m.claimed} ${number(c.claimed)}, ${m.actual} ${number(c.actual)}${where}`);
  }
  if (r.note) out.push(r.note);
  if (r.correct && show.correct !== false) out.push(`${m.correct}: ${r.notation === "latex" ? r.correct.latex : r.correct.text}`);
  for (const a of r.assumed) out.push(a);
  return out;
}

/** The whole report as terminal lines. */
export function verifyTable(report: VerifyReport, lang: VerifyLang = "en"): string[] {
  const m = VERIFY_MESSAGES[lang];
  const lines: string[] = [];
  const verdictWidth = Math.max(...Object.values(m.verdicts).map((v) => v.length));
  report.claims.forEach((r, i) => {
    const detail = r.verdict === "holds" && r.worst !== undefined ? `${m.worst} ${r.worst.toExponential(1)}` : (r.diagnosis ?? "");
    lines.push(
      `${String(i + 1).padStart(3)}  ${m.verdicts[r.verdict].padEnd(verdictWidth)}  ${cut(r.claim, CLAIM_WIDTH).padEnd(CLAIM_WIDTH)}  ${detail}`,
    );
    for (const d of claimDetails(r, lang)) lines.push(`       ${cut(d, 200)}`);
  });
  const count = (v: string): string => String(report.claims.filter((r) => r.verdict === v).length);
  lines.push(
    fill(m.summary, { total: String(report.claims.length), holds: count("holds"), fails: count("fails"), unreadable: count("unreadable") }),
  );
  return lines;
}

/** The exit code of a report: 2 when a claim is unreadable, 1 when one fails, else 0. */
export const verifyExitCode = (report: VerifyReport): number =>
  report.claims.some((r) => r.verdict === "unreadable") ? 2 : report.claims.some((r) => r.verdict === "fails") ? 1 : 0;
