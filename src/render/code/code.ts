// toCode(proof, lang): the backward pass of a proof as a program in NumPy, PyTorch (by hand) or
// JavaScript, from the one code model (model.ts); each prints, run with a params file, what
// `evaluate` prints for those params.
import type { Proof } from "../../derive/proof.js";
import { InputError } from "../../errors.js";
import type { Network } from "../../network/graph.js";
import { jsMatrixProgram } from "./js-matrix.js";
import { jsProgram } from "./js.js";
import { isMatrixForm, matrixModel, type MatrixModel } from "./matrix.js";
import { codeModel, type CodeModel } from "./model.js";
import { numpyProgram } from "./numpy.js";
import { pytorchProgram } from "./pytorch.js";
import { refsOf } from "./refs.js";
import type { View } from "../view.js";

export const CODE_LANGS = ["numpy", "pytorch", "js"] as const;
export type CodeLang = (typeof CODE_LANGS)[number];

/** The file each language is written to. */
export const CODE_FILES: Readonly<Record<CodeLang, string>> = { numpy: "backprop.py", pytorch: "backprop_torch.py", js: "backprop.mjs" };

const PRINTERS: Readonly<Record<CodeLang, (m: CodeModel | MatrixModel) => string>> = {
  numpy: numpyProgram,
  pytorch: pytorchProgram,
  js: (m) => (m.form === "matrix" ? jsMatrixProgram(m) : jsProgram(m)),
};

const models = new WeakMap<Proof, CodeModel | MatrixModel>();

/** The code model of a proof: a chain of dense layers in the matrix form (W1, delta1), any other network node by node. */
export function codeModelOf(proof: Proof): CodeModel | MatrixModel {
  let model = models.get(proof);
  if (model === undefined) models.set(proof, (model = isMatrixForm(proof.network) ? matrixModel(proof) : codeModel(proof)));
  return model;
}

/**
 * Refuses a network whose params and evaluate's answer have shapes of their own (the recurrent and
 * convolutional forms): the programs read and print the graph form's, so they would not run on
 * that network's params file.
 */
export function checkCodeForm(network: Network, field: string): void {
  const form = network.spec.recurrent !== undefined ? "recurrent" : network.spec.convolution !== undefined ? "convolutional" : undefined;
  if (form !== undefined)
    throw new InputError(
      field,
      `the programs (numpy, pytorch, js, ipynb) are written for layered and graph networks, not yet for the ${form} form`,
    );
}

/**
 * The program of a proof in a language: its file name and text. Its comments cite the notes'
 * equation numbers, or, given the view of a document, that document's.
 */
export function toCode(proof: Proof, lang: CodeLang, view?: View): { readonly name: string; readonly text: string } {
  checkCodeForm(proof.network, "lang");
  const model =
    view === undefined
      ? codeModelOf(proof)
      : isMatrixForm(proof.network)
        ? matrixModel(proof, refsOf(proof, view))
        : codeModel(proof, refsOf(proof, view));
  return { name: CODE_FILES[lang], text: PRINTERS[lang](model) };
}
