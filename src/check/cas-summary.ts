// The CAS cross-check's verdict in one line, as the commands print it: agreed, disagreed (with
// the parameter and point), not made (and why), each counted apart.
import { CAS_MAX_PARAMS } from "./cas.js";
import type { CasReport } from "./cas-report.js";

/** Disagreeing rows named one by one before the rest are only counted. */
const SHOWN = 5;

export function casSummary(r: CasReport | undefined, total: number): string {
  if (r === undefined) return `cas cross-check: not made: too large (${total} parameters; the limit is ${CAS_MAX_PARAMS})`;
  const counts = `${r.agreed} agreed, ${r.disagreed.length} disagreed${r.outOfDomain > 0 ? `, ${r.outOfDomain} not made (out of its domain)` : ""}`;
  const which =
    r.disagreed.length === 0
      ? ""
      : ` (${r.disagreed.slice(0, SHOWN).join(", ")}${r.disagreed.length > SHOWN ? `, and ${r.disagreed.length - SHOWN} more` : ""})`;
  if (r.notMade !== undefined) {
    const so = r.rows.length > 0 ? ` after ${r.rows.length} comparisons: ${counts}${which}` : "";
    return `cas cross-check: not made: ${r.notMade}: ${r.reason ?? ""}${so}`;
  }
  return `cas cross-check (nerdamer-prime, ${r.mode}): ${r.rows.length} comparisons at ${r.points} points: ${counts}${which}; worst relative error ${r.worst.toExponential(2)}, ${r.derivatives} derivatives (budget ${r.budget})`;
}
