// Assembles the proof for a network: the seed's derivation with f and E abstract, then its
// specialisation to the chosen activations and loss.
import type { Network } from "../network/graph.js";
import { checkDeriveOptions } from "../network/options.js";
import { Builder } from "./builder.js";
import type { Proof, SectionId } from "./proof.js";
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

/** The sections that a recurrent or convolutional network's notes leave to the proof (its own section says them in its notation). */
const FORM_PROOF_ONLY: ReadonlySet<SectionId> = new Set<SectionId>(["forward", "tied"]);
/** ... and the network's layers of nodes, which a convolutional network's section lists as its feature maps. */
const CONV_PROOF_ONLY: ReadonlySet<SectionId> = new Set<SectionId>([...FORM_PROOF_ONLY, "network"]);

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
    recurrentSection(bd),
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
  const summary = step(summarySection(bd, { indexForm: special.indexForm }));
  sections.unshift({ ...summary, blocks: [...summary.blocks, ...recurrentSummary(bd), ...convolutionSummary(bd)] });
  // A recurrent or convolutional network's notes give the forward pass and the shared weights'
  // gradients in their own section's notation; the node-by-node forms stay in the proof.
  const shown =
    network.spec.recurrent === undefined && network.spec.convolution === undefined
      ? sections
      : sections.map((s) =>
          (network.spec.convolution === undefined ? FORM_PROOF_ONLY : CONV_PROOF_ONLY).has(s.id) ? { ...s, show: "proof" as const } : s,
        );
  return {
    network,
    lang,
    sections: shown.filter((s) => s.blocks.length > 0),
    forward: definitions,
    results: { delta: special.delta, params },
  };
}
