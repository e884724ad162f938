// The library API: spec -> network -> proof -> checks -> rendered files.
export { InputError } from "./errors.js";
export { NO_PROGRESS, type Progress } from "./progress.js";
export { schemaJson } from "./network/schema.js";
export { parseSpec, DEFAULT_SPEC, MAX_LAYER_SIZE, MAX_LAYERS, MAX_PARAMETERS, type Spec } from "./network/spec.js";
export { buildNetwork, type Network, type NodeInfo, type Param, type Layer } from "./network/graph.js";
export { derive, type DeriveOptions } from "./derive/derive.js";
export type { Proof, Section, Block, Step, StepList, Seq, Inline, ParamResult, Results } from "./derive/proof.js";
export { gradientCheck, type ExtraPoints, type GradientReport, type GradientRow } from "./check/gradcheck.js";
export { derivedValues, gradientValues, parameterArray, type Derived } from "./check/derived.js";
export { forwardPass } from "./oracle/forward.js";
export { parseParams, randomParams, paramsToJson, type Params } from "./check/params.js";
export { parseBatch, type Batch, type Example } from "./check/params.js";
export { batchGradientValues, batchValues, type BatchDerived } from "./check/batch.js";
export { batchEvaluation, evaluation, type BatchEvaluation, type Evaluation } from "./check/evaluation.js";
export { batchGradientCheck, type BatchGradientReport, type BatchCheckOptions } from "./check/batch-gradcheck.js";
export { batchPass, batchDerivative, type BatchPass } from "./oracle/batch.js";
export { batchOf, exampleParams, reductionOf } from "./network/batch.js";
export { withWorkedBatch, batchWorkedValues, type BatchWorkedOptions } from "./check/worked-batch.js";
export type { Reduction } from "./network/spec.js";
export { rng } from "./oracle/rng.js";
export {
  FORMATS,
  contentText,
  type Format,
  type RenderInput,
  type RenderOptions,
  type OutputFile,
  type Content,
  type TextChunks,
  type TemplateSource,
} from "./render/formats.js";
export { katexAssets, katexCss, katexFonts, katexInlineCss, pageCss } from "./render/assets.js";
export { presets } from "./render/presets.js";
export { CODE_LANGS, toCode, type CodeLang } from "./render/code/code.js";
export { toLatex } from "./expr/latex.js";
export { toText } from "./expr/text.js";
export { evaluate } from "./expr/evaluate.js";
export { simplify } from "./simplify/simplify.js";
export { ACTIVATIONS, LOSSES } from "./rules/registry.js";
export type { Expr, Index, IndexSet } from "./expr/types.js";
export { checkSteps } from "./check/steps.js";
export type { StepCheckOptions } from "./check/step-options.js";
export type { StepReport } from "./check/step-report.js";
export { casCrossCheck } from "./check/cas.js";
export type { CasOptions, CasReport } from "./check/cas-report.js";
export { withWorkedExample, workedSection } from "./check/worked.js";
export type { NotComparedReason, Outcome, StepCheck, StepStatus } from "./check/types.js";
export { verifyClaims, type VerifyOptions, type VerifyReport, type ClaimResult, type Verdict } from "./verify/verify.js";
export type { Diagnosis } from "./verify/variants.js";
export { verifyTable, verifyExitCode, claimDetails } from "./verify/table.js";
export { makeSheet, type SheetOptions } from "./exercises/sheet.js";
export { sheetFiles, SHEET_FORMATS, type SheetFile, type SheetFormat } from "./exercises/formats.js";
export { alignedRows } from "./exercises/outline.js";
export type {
  Answer as ExerciseAnswer,
  Exercise,
  Line as SheetLine,
  Piece,
  Quantity as ExerciseQuantity,
  Sheet,
  SheetPart,
} from "./exercises/types.js";
export { notesNumbers } from "./render/notes-numbers.js";
export { slidesTex } from "./render/slides.js";
export { slidesHtml } from "./render/slides-html.js";
