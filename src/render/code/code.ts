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
import { type Refs, refsOf } from "./refs.js";
import { jsRecurrentProgram } from "./js-recurrent.js";
import { recurrentModel, type RecurrentModel } from "./recurrent.js";
import type { View } from "../view.js";

export const CODE_LANGS = ["numpy", "pytorch", "js"] as const;
export type CodeLang = (typeof CODE_LANGS)[number];

/** The file each language is written to. */
export const CODE_FILES: Readonly<Record<CodeLang, string>> = { numpy: "backprop.py", pytorch: "backprop_torch.py", js: "backprop.mjs" };

/** A code model in one of its forms. */
export type AnyCodeModel = CodeModel | MatrixModel | RecurrentModel;

const PRINTERS: Readonly<Record<CodeLang, (m: AnyCodeModel) => string>> = {
  numpy: numpyProgram,
  pytorch: pytorchProgram,
  js: (m) => (m.form === "matrix" ? jsMatrixProgram(m) : m.form === "recurrent" ? jsRecurrentProgram(m) : jsProgram(m)),
};

const models = new WeakMap<Proof, AnyCodeModel>();

/** The model of a proof: the recurrent form's, a chain of dense layers in the matrix form (W1, delta1), any other network node by node. */
const modelOf = (proof: Proof, refs: Refs = refsOf(proof)): AnyCodeModel =>
  proof.network.spec.recurrent !== undefined
    ? recurrentModel(proof, refs)
    : isMatrixForm(proof.network)
      ? matrixModel(proof, refs)
      : codeModel(proof, refs);

/** The code model of a proof, citing the notes' equation numbers (made once a proof). */
export function codeModelOf(proof: Proof): AnyCodeModel {
  let model = models.get(proof);
  if (model === undefined) models.set(proof, (model = modelOf(proof)));
  return model;
}

/**
 * Refuses, in one place, a network the programs are not written for: the convolutional form
 * (whose params and answer have shapes of their own); and for the notebook (which places the
 * code after the sections of the notes of a feed-forward network) the recurrent form too.
 */
export function checkCodeForm(network: Network, field: string, notebook = false): void {
  const form =
    network.spec.convolution !== undefined ? "convolutional" : notebook && network.spec.recurrent !== undefined ? "recurrent" : undefined;
  if (form !== undefined)
    throw new InputError(
      field,
      notebook && form === "recurrent"
        ? "the notebook (ipynb) is written for layered and graph networks, not yet for the recurrent form; numpy, pytorch and js are"
        : `the programs (numpy, pytorch, js, ipynb) are written for layered, graph and recurrent networks, not yet for the ${form} form`,
    );
}

/**
 * The program of a proof in a language: its file name and text. Its comments cite the notes'
 * equation numbers, or, given the view of a document, that document's.
 */
export function toCode(proof: Proof, lang: CodeLang, view?: View): { readonly name: string; readonly text: string } {
  checkCodeForm(proof.network, "lang");
  const model = view === undefined ? codeModelOf(proof) : modelOf(proof, refsOf(proof, view));
  return { name: CODE_FILES[lang], text: PRINTERS[lang](model) };
}
