// Assembles the proof for a network: the seed's derivation with f and E abstract, then its
// specialisation to the chosen activations and loss.
import type { Network } from "../network/graph.js";
import { checkDeriveOptions } from "../network/options.js";
import { Builder } from "./builder.js";
import type { Proof } from "./proof.js";
import { paramResults } from "./results.js";
import { chainSection, descentSection } from "./sections/descent.js";
import { hiddenSection, outputSection } from "./sections/backward.js";
import { forwardSection } from "./sections/forward.js";
import { matrixSection } from "./sections/matrix.js";
import { networkSection } from "./sections/network.js";
import { specialise } from "./sections/specialise.js";
import { summarySection } from "./sections/summary.js";
import { tableSection } from "./sections/table.js";
import { tiedSection } from "./sections/tied.js";
import { updatesSection } from "./sections/updates.js";
import { isLang, LANGUAGES } from "./messages/index.js";
import { InputError } from "../errors.js";

export interface DeriveOptions {
  readonly lang?: string;
}

export function derive(network: Network, options: DeriveOptions = {}): Proof {
  checkDeriveOptions(options, Object.keys(LANGUAGES));
  const lang = options.lang ?? "en";
  if (!isLang(lang)) throw new InputError("lang", `unknown language "${lang}"; allowed: ${Object.keys(LANGUAGES).join(", ")}`);
  const bd = new Builder(network, lang);
  const { section: forward, forward: definitions } = forwardSection(bd);
  const params = paramResults(network);
  const sections = [
    networkSection(bd),
    forward,
    descentSection(bd),
    chainSection(bd),
    tiedSection(bd, params),
    outputSection(bd),
    hiddenSection(bd),
    matrixSection(bd),
  ];
  const special = specialise(bd);
  sections.push(updatesSection(bd, params), { ...special.lemmas, part: "appendix" }, special.section, tableSection(bd));
  // The summary opens both documents; it is built last, from the specialised error terms.
  sections.unshift(summarySection(bd, { indexForm: special.indexForm }));
  return {
    network,
    lang,
    sections: sections.filter((s) => s.blocks.length > 0),
    forward: definitions,
    results: { delta: special.delta, params },
  };
}
