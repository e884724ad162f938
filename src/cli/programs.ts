// The programs and the notebook that derive writes beside the documents (--format
// numpy,pytorch,js,ipynb): the library's toCode, and the Markdown notes cut into cells.
import { exampleParams } from "../check/example.js";
import { paramsToJson } from "../check/params.js";
import type { Batch } from "../network/batch.js";
import type { Network } from "../network/graph.js";
import type { Params } from "../network/params.js";
import type { Progress } from "../progress.js";
import { toCode, type CodeLang } from "../render/code/code.js";
import { notebook } from "../render/code/ipynb.js";
import { contentText, type OutputFile, type RenderInput, type RenderOptions } from "../render/document.js";
import { loadRenderer } from "../render/load.js";

interface Asked {
  readonly code: readonly CodeLang[];
  readonly notebook: boolean;
  readonly look: RenderOptions;
  readonly expand: number;
}

/** The files of the programs asked for, then the notebook and its picture (unless written already). */
export async function programFiles(input: RenderInput, asked: Asked, params: unknown, progress: Progress): Promise<OutputFile[]> {
  const out: OutputFile[] = asked.code.map((c) => {
    const program = toCode(input.proof, c);
    return { name: program.name, content: program.text };
  });
  if (!asked.notebook) return out;
  // The notes in Markdown (and its picture, which the notebook shows), cut into cells.
  const md = (await loadRenderer("md"))(input, { ...asked.look, fragment: false, expand: asked.expand, progress });
  const doc = md.find((f) => f.name === "derivation.md")!.content;
  const text = typeof doc === "string" ? doc : doc instanceof Uint8Array ? "" : contentText(doc);
  // The notebook before its picture: --out - writes the first file.
  out.push({ name: "derivation.ipynb", content: notebook(input.proof, text, params) });
  for (const file of md) if (file.name !== "derivation.md") out.push(file);
  return out;
}

/** The worked example's params as a params file gives them: the given ones, or the notes' own. */
export function workedParams(network: Network, given: { readonly params?: Params; readonly batch?: Batch }): unknown {
  const batch = given.batch;
  if (batch !== undefined) {
    const one = paramsToJson(network, { inputs: [], targets: [], eta: batch.eta, values: batch.values });
    return { examples: batch.examples.map((e) => ({ inputs: e.inputs, targets: e.targets })), eta: one.eta, weights: one.weights };
  }
  return paramsToJson(network, given.params ?? exampleParams(network));
}
