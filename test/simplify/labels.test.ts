// Each simplification rule carries its label (the justification of a line it makes), and the
// staged replay names only rules that exist: a line is never labelled by a rule that did not make it.
import { describe, expect, it } from "vitest";
import * as b from "../../src/expr/build.js";
import { diff } from "../../src/expr/diff.js";
import { SIMPLIFY_RULES, TRACE_ORDER, traceLabel } from "../../src/simplify/registry.js";
import { trace } from "../../src/simplify/simplify.js";

describe("simplification labels", () => {
  it("every rule of the replay's order is a rule, labelled by its own id", () => {
    const ids = SIMPLIFY_RULES.map((r) => r.id);
    for (const id of TRACE_ORDER) expect(ids).toContain(id);
    for (const r of SIMPLIFY_RULES) expect(traceLabel(r.id)).toBe(`simp-${r.id}`);
    expect(traceLabel("simplify")).toBe("simplify");
  });

  it("a traced line carries the label of the rule that made it", () => {
    // The raw derivative of x / (1 + |x|), as a custom activation's lemma traces it.
    const x = b.sym("x");
    const steps = trace(diff(b.div(x, b.add(b.ONE, b.call("abs", [x]))), x));
    expect(steps.length).toBeGreaterThan(1);
    for (const s of steps) expect(s.label).toBe(traceLabel(s.rule));
    expect(steps.some((s) => s.label !== "simplify")).toBe(true);
  });
});
