// What every document format starts from: its options checked and resolved, the texts of the
// checks (or the one sentence saying nothing was checked), and the view of the proof, bounded
// so that a document too large to hold is refused with the --expand that fits.
import type { Proof, Style } from "../derive/proof.js";
import { label } from "../derive/messages/index.js";
import { InputError } from "../errors.js";
import { fill, renderContext, type RenderContext } from "./context.js";
import { defaultPrefix, type DocOptions, PREFIX_PATTERN, type RenderInput, type RenderOptions, type SectionLevel } from "./document.js";
import { Budget, DEFAULT_EXPAND, OverBudget } from "./elide.js";
import { DIAGRAM_FILE } from "./page.js";
import { buildView, defaultLabels, type View, type ViewOptions } from "./view.js";

function docOptions(
  input: RenderInput,
  options: RenderOptions,
): DocOptions & { diagramFile: string; level: SectionLevel; style: Style; view: ViewOptions } {
  const prefix = options.labelPrefix ?? defaultPrefix(input.proof.network.spec.name);
  if (!PREFIX_PATTERN.test(prefix))
    throw new InputError(
      "--label-prefix",
      `is ${JSON.stringify(prefix.slice(0, 60))}; must be a letter followed by letters, digits or hyphens (at most 60)`,
    );
  const style = options.style ?? "notes";
  const fragment = options.fragment === true;
  const prefixed = options.tags === "prefixed" || (options.tags === undefined && fragment && options.labelPrefix !== undefined);
  const view: ViewOptions = {
    labels: options.labels ?? defaultLabels(style),
    numberFrom: options.numberFrom ?? 1,
    omitAppendix: (options.appendix ?? (fragment ? "omit" : "include")) === "omit",
    ...(prefixed ? { tagPrefix: prefix } : {}),
  };
  // Two fragments in one host, or two documents in one folder, each have their own picture.
  const diagramFile = fragment || options.labelPrefix !== undefined ? `${prefix}-${DIAGRAM_FILE}` : DIAGRAM_FILE;
  return { prefix, cjk: false, fragment, diagramFile, level: options.sectionLevel ?? "section", style, view };
}

/** The options, the checks as text and the view of the proof, for one document. */
export const prepare = (input: RenderInput, options: RenderOptions) => {
  const expand = options.expand ?? DEFAULT_EXPAND;
  const doc = docOptions(input, options);
  const checked = renderContext(input.proof, input.report, input.steps, input.cas);
  const made = input.unchecked && checked.verification === undefined ? notChecked(checked, input.proof.lang) : checked;
  const ctx = doc.view.omitAppendix ? withoutDetails(made, input.proof.lang) : made;
  const common = { ...ctx.common, author: options.author ?? "" };
  const view = boundedView(input.proof, expand, doc.style, MAX_VIEW, doc.view);
  const legend = label(input.proof.lang, "p-legend");
  const shared = {
    style: doc.style,
    prefix: doc.prefix,
    legend_title: label(input.proof.lang, "sec-legend"),
    check_title: label(input.proof.lang, "sec-check"),
    appendix_title: label(input.proof.lang, "sec-appendix"),
    appendix: doc.view.omitAppendix !== true,
    number_from: doc.view.numberFrom ?? 1,
    diagram_file: doc.diagramFile,
  };
  return { expand, doc, ctx: { ...ctx, common }, view, legend, shared };
};

/**
 * The most a document shows, in nodes of displayed formulas: the proof of 200 layers of six softmax
 * nodes at the default --expand (about 9 x 10^5; its HTML page is 5 x 10^8 characters, rendered in
 * about two minutes and 3 GB). A larger view is refused rather than left to run out of memory.
 */
export const MAX_VIEW = 1_000_000;

/** Values of --expand tried, smallest first, to say which one fits when the one asked for does not. */
export const EXPAND_LADDER = [1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 1000, 2000, 5000];

/** The view, or an InputError naming the largest --expand (of a ladder) whose view fits MAX_VIEW. */
export function boundedView(proof: Proof, expand: number, style: Style, max = MAX_VIEW, options: ViewOptions = {}): View {
  const fits = (e: number): View | undefined => {
    try {
      return buildView(proof, e, style, new Budget(max), options);
    } catch (err) {
      if (err instanceof OverBudget) return undefined;
      throw err;
    }
  };
  const view = fits(expand);
  if (view !== undefined) return view;
  let best: number | undefined;
  for (const e of EXPAND_LADDER) {
    if (e >= expand || fits(e) === undefined) break;
    best = e;
  }
  const what = `the ${style === "proof" ? "proof" : "notes"} of this network would show more than ${max.toLocaleString("en")} terms of formulas at --expand ${expand}, more than a document holds`;
  if (best !== undefined) throw new InputError("--expand", `${what}; --expand ${best} or less fits`);
  const other = style === "proof" ? "; --style notes is shorter" : "";
  throw new InputError("--expand", `${what}${expand > 1 ? ", even at --expand 1" : ""}${other}; --format json writes it whole`);
}

/** Without the appendix, the result of the check says nothing of details there. */
function withoutDetails(ctx: RenderContext, lang: string): RenderContext {
  const v = ctx.verification;
  if (v === undefined || !v.made) return ctx;
  return {
    ...ctx,
    verification: {
      ...v,
      result: fill(label(lang, "p-check-result-plain"), {
        checked: v.checked,
        total: v.total,
        failed: v.failed,
        worst: v.worst,
        tolerance: v.tolerance,
      }),
    },
  };
}

/** The verification context of a document whose formulas were not checked: that one sentence. */
function notChecked(ctx: RenderContext, lang: string): RenderContext {
  const sentence = label(lang, "p-not-checked");
  const none = {
    method: "",
    seed: 0,
    tolerance: "",
    checked: 0,
    total: 0,
    failed: 0,
    worst: "",
    passed: false,
    shown: 0,
    rows: [],
    caption: "",
    columns: [],
    steps: "",
    cas: "",
  };
  return { ...ctx, verification: { ...none, summary: sentence, box: [{ text: sentence }], result: "", made: false } };
}
