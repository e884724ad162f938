// Assembles the proof for a network: the seed's derivation with f and E abstract, then its
// specialisation to the chosen activations and loss.
import type { Network } from "../network/graph.js";
import { checkDeriveOptions } from "../network/options.js";
import { Builder } from "./builder.js";
import type { Proof, Section, SectionId } from "./proof.js";
import { paramResults } from "./results.js";
import { chainSection, descentSection } from "./sections/descent.js";
import { hiddenSection, outputSection } from "./sections/backward.js";
import { forwardSection } from "./sections/forward.js";
import { matrixSection } from "./sections/matrix.js";
import { networkSection } from "./sections/network.js";
import { specialise } from "./sections/specialise.js";
import { remarksSection } from "./sections/remarks.js";
import { summarySection } from "./sections/summary.js";
import { tableSection } from "./sections/table.js";
import { tiedSection } from "./sections/tied.js";
import { updatesSection } from "./sections/updates.js";
import { batchSection } from "./sections/batch.js";
import { recurrentSection } from "./sections/recurrent.js";
import { recurrentSummary } from "./sections/recurrent-summary.js";
import { rnnNetworkSection, rnnOutputSection } from "./sections/recurrent-cell.js";
import type { Expr } from "../expr/types.js";
import { convolutionSection } from "./sections/convolution.js";
import { convolutionSummary } from "./sections/convolution-summary.js";
import { isLang, LANGUAGES } from "./messages/index.js";
import { InputError } from "../errors.js";
import { NO_PROGRESS, type Progress } from "../progress.js";

export interface DeriveOptions {
  readonly lang?: string;
  /** One stage, "deriving", counted in the sections built (DERIVE_STAGES of them). */
  readonly progress?: Progress;
  /** The notes show the section on training with a mini-batch (as they do when the spec gives a reduction). */
  readonly batch?: boolean;
}

/** The sections that a recurrent network's notes leave to the proof: the unrolled network node by node. */
const RECURRENT_PROOF_ONLY: ReadonlySet<SectionId> = new Set<SectionId>([
  "network",
  "forward",
  "descent",
  "chain",
  "tied",
  "output",
  "hidden",
  "matrix",
  "updates",
  "specialise",
]);

/**
 * A recurrent network's documents are organised around its cell: the summary in the form of
 * backpropagation through time, the cell, the output's error term at a step, the hidden state's
 * through time, the gradients as sums over the steps; the node-by-node derivation over the
 * unrolled network follows in the proof, which checks every scalar step of it.
 */
function recurrent(bd: Builder, sections: readonly Section[], indexForm: ReadonlyMap<number, Expr>, step: <T>(part: T) => T): Section[] {
  const network = bd.network;
  const l = network.spec.recurrent!;
  const formOf = (node: number): Expr => indexForm.get(network.nodes[node]!.layer)!;
  const outputForm = formOf(l.ids[l.lossSteps[0]!]!.get("y")![0]!);
  const hiddenForm = formOf(l.ids[1]!.get("h")![0]!);
  const cell = [rnnNetworkSection(bd), rnnOutputSection(bd, outputForm), recurrentSection(bd, hiddenForm)];
  const summary = step(recurrentSummary(bd, outputForm, hiddenForm));
  return [summary, ...cell, ...sections.map((s) => (RECURRENT_PROOF_ONLY.has(s.id) ? { ...s, show: "proof" as const } : s))];
}

/** The sections that a convolutional network's notes leave to the proof: its own section gives the forward pass, the shared weights' gradients and the layers of nodes as feature maps. */
const CONV_PROOF_ONLY: ReadonlySet<SectionId> = new Set<SectionId>(["forward", "tied", "network"]);

/**
 * The summary first; a convolutional network's ends with the convolution's formulas, and its
 * notes give the forward pass, the shared weights and the layers in the convolution's section.
 */
function withSummary(bd: Builder, sections: readonly Section[], indexForm: ReadonlyMap<number, Expr>, step: <T>(part: T) => T): Section[] {
  const summary = step(summarySection(bd, { indexForm }));
  const all = [{ ...summary, blocks: [...summary.blocks, ...convolutionSummary(bd)] }, ...sections];
  return bd.network.spec.convolution === undefined
    ? all
    : all.map((s) => (CONV_PROOF_ONLY.has(s.id) ? { ...s, show: "proof" as const } : s));
}

/** The parts derive() builds one after another, each reported to its progress. */
export const DERIVE_STAGES = 14;

export function derive(network: Network, options: DeriveOptions = {}): Proof {
  checkDeriveOptions(options, Object.keys(LANGUAGES));
  const lang = options.lang ?? "en";
  if (!isLang(lang)) throw new InputError("lang", `unknown language "${lang}"; allowed: ${Object.keys(LANGUAGES).join(", ")}`);
  const progress = options.progress ?? NO_PROGRESS;
  progress.stage("deriving", DERIVE_STAGES);
  let built = 0;
  const step = <T>(part: T): T => (progress.advance(++built), part);
  const bd = new Builder(network, lang);
  const { section: forward, forward: definitions } = step(forwardSection(bd));
  const params = step(paramResults(network));
  const sections = [
    step(networkSection(bd)),
    forward,
    step(descentSection(bd)),
    step(chainSection(bd)),
    step(tiedSection(bd, params)),
    step(outputSection(bd)),
    step(hiddenSection(bd)),
    convolutionSection(bd, params),
    step(matrixSection(bd)),
  ];
  const special = step(specialise(bd));
  sections.push(
    step(updatesSection(bd, params)),
    { ...special.lemmas, part: "appendix" },
    special.section,
    step(remarksSection(bd)),
    step(tableSection(bd)),
  );
  // Training on a mini-batch: in the proof's appendix always, in the notes when the spec gives a reduction.
  sections.push(batchSection(bd, options.batch === true || network.spec.reduction !== undefined));
  // The summary opens both documents; it is built last, from the specialised error terms.
  const shown =
    network.spec.recurrent === undefined
      ? withSummary(bd, sections, special.indexForm, step)
      : recurrent(bd, sections, special.indexForm, step);
  return {
    network,
    lang,
    sections: shown.filter((s) => s.blocks.length > 0),
    forward: definitions,
    results: { delta: special.delta, params },
  };
}
