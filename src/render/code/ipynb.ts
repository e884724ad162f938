// derivation.ipynb (nbformat 4): the Markdown notes cut at their headings into Markdown cells,
// the NumPy code as code cells after the sections whose equations they implement (the functions
// and the forward pass after the forward propagation, the update after gradient descent, the
// backward pass after the specialised error terms), and a last cell that runs one step on the
// worked example's numbers and prints what `evaluate` prints.
import type { Proof, SectionId } from "../../derive/proof.js";
import { checkCodeForm, codeModelOf } from "./code.js";
import { numpyParts } from "./numpy.js";
import type { PythonParts } from "./python.js";

interface Cell {
  readonly cell_type: "markdown" | "code";
  readonly metadata: Record<string, never>;
  readonly source: string[];
  readonly execution_count?: null;
  readonly outputs?: [];
}

/** Lines as nbformat stores a cell's source: each but the last ends with its newline. */
const source = (lines: readonly string[]): string[] => lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l));

const markdown = (lines: readonly string[]): Cell => ({ cell_type: "markdown", metadata: {}, source: source(lines) });
const code = (lines: readonly string[]): Cell => ({
  cell_type: "code",
  execution_count: null,
  metadata: {},
  outputs: [],
  source: source(lines),
});

/** The Markdown cut before each heading of level 2 or 3, with each piece's heading text. */
function pieces(md: string): { heading: string; lines: string[] }[] {
  const out: { heading: string; lines: string[] }[] = [];
  for (const line of md.replace(/\n+$/, "").split("\n")) {
    const h = /^#{2,3} (.*)$/.exec(line);
    if (h !== null || out.length === 0) out.push({ heading: h?.[1] ?? "", lines: [] });
    out.at(-1)!.lines.push(line);
  }
  // No cell starts or ends with blank lines.
  return out.map((p) => {
    const lines = [...p.lines];
    while (lines[0] === "") lines.shift();
    while (lines.at(-1) === "") lines.pop();
    return { ...p, lines };
  });
}

/** Which code follows which section of the notes, by section id; the first present of each list. */
const PLACES: readonly { readonly after: readonly SectionId[]; readonly part: keyof PythonParts }[] = [
  { after: ["forward"], part: "forward" },
  { after: ["descent"], part: "update" },
  { after: ["specialise", "hidden", "output"], part: "backward" },
  { after: ["worked"], part: "runner" },
];

/**
 * The notebook of a proof: `md` is its Markdown document, `params` the worked example's params
 * (as a params file gives them), run in the last cell.
 */
export function notebook(proof: Proof, md: string, params: unknown): string {
  checkCodeForm(proof.network, "proof", true);
  const parts = numpyParts(codeModelOf(proof));
  const titles = new Map(proof.sections.map((s) => [s.title, s.id]));
  const cells: Cell[] = [];
  const placed = new Set<keyof PythonParts>();
  const literal = JSON.stringify(params, null, 1).split("\n");
  const run = [
    "# One step on the numbers of the worked example.",
    `params = ${literal[0]}`,
    ...literal.slice(1),
    "print(json.dumps(evaluate(params), indent=2))",
  ];
  const place = (part: keyof PythonParts): void => {
    if (placed.has(part)) return;
    // The runner comes last of the code, with the cell that runs it.
    if (part === "runner") for (const p of ["forward", "update", "backward"] as const) place(p);
    // The functions come first of all the code: the forward pass calls them.
    if (!placed.has("head")) {
      placed.add("head");
      cells.push(code(parts.head));
    }
    placed.add(part);
    cells.push(code(parts[part]));
    if (part === "runner") cells.push(code(run));
  };
  const present = new Set(proof.sections.map((s) => s.id));
  for (const p of pieces(md)) {
    cells.push(markdown(p.lines));
    const id = titles.get(p.heading);
    for (const where of PLACES) if (where.after.find((s) => present.has(s)) === id) place(where.part);
  }
  place("runner");
  const nb = {
    cells,
    metadata: {
      kernelspec: { display_name: "Python 3", language: "python", name: "python3" },
      language_info: { name: "python" },
    },
    nbformat: 4,
    nbformat_minor: 4,
  };
  return `${JSON.stringify(nb, null, 1)}\n`;
}
