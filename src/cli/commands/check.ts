// check: every derived gradient against central differences, as a table.
import { derive } from "../../derive/derive.js";
import { gradientCheck, TOLERANCE } from "../../check/gradcheck.js";
import { parseParams } from "../../check/params.js";
import { integerFlag, numberFlag, parse } from "../args.js";
import { readJson } from "../io.js";
import { networkFrom } from "../spec-input.js";

export const CHECK_FLAGS = ["layers", "activation", "output-activation", "loss", "seed", "full-check", "tolerance", "params", "help"] as const;

const pad = (s: string, n: number): string => s.padStart(n);

export function runCheck(argv: readonly string[], print: (s: string) => void): number {
  const args = parse(argv, CHECK_FLAGS);
  const v = args.values;
  const network = networkFrom(args);
  const seed = integerFlag(v.seed, "--seed", 0, 2 ** 31 - 1, 1);
  const tolerance = numberFlag(v.tolerance, "--tolerance", 0, 1, TOLERANCE);
  const params = typeof v.params === "string" ? parseParams(network, readJson(v.params, "--params")) : undefined;
  const proof = derive(network);
  const report = gradientCheck(proof, { seed, full: v["full-check"] === true, tolerance, ...(params ? { params } : {}) });
  print(`${"parameter".padEnd(12)} ${pad("derived", 18)} ${pad("finite difference", 18)} ${pad("rel. error", 10)}  ok`);
  for (const r of report.rows) {
    print(`${r.name.padEnd(12)} ${pad(r.derived.toPrecision(10), 18)} ${pad(r.numeric.toPrecision(10), 18)} ${pad(r.relError.toExponential(2), 10)}  ${r.ok ? "yes" : "NO"}`);
  }
  const sampled = report.checked < report.total ? ` (a seeded sample; --full-check checks all)` : "";
  print(
    `${report.checked} of ${report.total} parameters checked${sampled}, ${report.failed} failed, worst relative error ${report.worst.toExponential(2)}, tolerance ${tolerance}, seed ${seed}`,
  );
  return report.failed === 0 ? 0 : 1;
}
