// Rendering time of the documents of a [784, 128, 10] network, both styles: the figure that a
// unit test used to assert against the clock (tests assert no timings: the machine is shared).
import { derive } from "../src/derive/derive.js";
import { gradientCheck } from "../src/check/gradcheck.js";
import { buildNetwork } from "../src/network/graph.js";
import { parseSpec } from "../src/network/spec.js";
import { FORMATS } from "../src/render/formats.js";

export function benchRender(): string[] {
  const proof = derive(
    buildNetwork(parseSpec({ layers: [784, 128, 10], activation: "relu", outputActivation: "softmax", loss: "cross-entropy" })),
  );
  const input = { proof, report: gradientCheck(proof, { seed: 1 }) };
  const lines: string[] = [];
  for (const style of ["notes", "proof"] as const) {
    const cpu: number[] = [];
    for (let run = 0; run < 3; run++) {
      const c0 = process.cpuUsage();
      for (const f of ["tex", "html", "md"] as const) FORMATS[f](input, { style });
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    lines.push(
      `render [784,128,10] tex + html + md, ${style} style: cpu ${cpu.map((x) => x.toFixed(0)).join(", ")} ms (runs 1-3; the first compiles KaTeX and the templates)`,
    );
  }
  return lines;
}
