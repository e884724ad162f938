// The claim table: over six networks, every formula of the derivation holds as a claim in both
// notations, and every mistake the mutation suite's operators make of one fails with the
// diagnosis that operator calls for; the correct formula given in the claim's own notation holds.
// The verdicts come from the oracle (forward definitions and finite differences), which shares
// no code with the derivation the claims are built from.
import { describe, expect, it } from "vitest";
import { verifyClaims } from "../../src/verify/verify.js";
import { derivedClaims, type Mistake, mistakes, NETWORKS, presetNetwork } from "./derived-claims.js";

/** Mistakes checked per operator and network (each in both notations). */
const PER_OPERATOR = 6;

function sample(all: readonly Mistake[]): Mistake[] {
  const taken = new Map<string, number>();
  return all.filter((m) => {
    const n = taken.get(m.operator) ?? 0;
    taken.set(m.operator, n + 1);
    return n < PER_OPERATOR;
  });
}

describe.each(NETWORKS)("claims on %s", (name) => {
  const network = presetNetwork(name);
  const claims = derivedClaims(network);

  it("holds for every formula of the derivation, written in either notation", () => {
    const texts = claims.flatMap((c) => [c.plain, c.latex]);
    expect(texts.length).toBeGreaterThan(20);
    const report = verifyClaims(network, texts);
    const wrong = report.claims
      .filter((r) => r.verdict !== "holds")
      .map((r) => `${r.claim}: ${r.verdict} ${r.unreadable?.message ?? r.note ?? ""}`);
    expect(wrong).toEqual([]);
  });

  it("names the mistake of every mutated formula and gives a correct formula that holds", () => {
    const cases = sample(mistakes(network, claims));
    expect(cases.length).toBeGreaterThan(8);
    const report = verifyClaims(
      network,
      cases.map((c) => c.claim),
    );
    const wrong: string[] = [];
    const corrections: string[] = [];
    report.claims.forEach((r, i) => {
      const c = cases[i]!;
      // Dropping the off-diagonal term of a softmax node's written-out total derivative leaves
      // exactly the elementwise formula: that diagnosis is as right as the missing term.
      const alsoRight = c.operator === "drop-sum-term" ? ["elementwise-softmax"] : [];
      if (r.verdict !== "fails" || ![c.expected, ...alsoRight].includes(r.diagnosis ?? "")) {
        wrong.push(`${c.operator} ${c.claim}: ${r.verdict} ${r.diagnosis} (${r.note ?? r.unreadable?.message})`);
      }
      expect(r.note).toBeTruthy();
      expect(r.counterexample).toBeDefined();
      if (r.correct !== undefined) corrections.push(c.notation === "latex" ? r.correct.latex : r.correct.text);
    });
    expect(wrong).toEqual([]);
    // The correct formula, in the claim's notation, read back as a claim, holds.
    const again = verifyClaims(network, corrections);
    expect(again.claims.filter((r) => r.verdict !== "holds").map((r) => r.claim)).toEqual([]);
  });
});
