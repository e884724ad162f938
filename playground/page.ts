// The page: the spec (form and JSON, kept in step), the derivation rendered by the library's HTML
// fragment renderer, the picture, the checks from the worker, the worked example and the
// downloads. Bad input is said beside its field, the last good derivation stays, and nothing is
// thrown to the console.
import {
  ACTIVATIONS,
  buildNetwork,
  contentText,
  DEFAULT_SPEC,
  derive,
  FORMATS,
  InputError,
  LOSSES,
  parseBatch,
  parseSpec,
  paramsToJson,
  presets,
  randomParams,
  rng,
  withWorkedBatch,
  withWorkedExample,
  type Batch,
  type Network,
  type Params,
  type Proof,
  type RenderInput,
} from "../src/index.js";
import { Checker } from "./checker.js";
import { mountDiagram } from "./diagram.js";
import { mountCode, mountCodeOption } from "./code.js";
import { DOWNLOADS, save } from "./downloads.js";
import { mountFormula } from "./formula.js";
import { mountExercises } from "./exercises.js";
import { layersPanel } from "./editor/layers.js";
import { graphPanel } from "./editor/graph.js";
import { toGraph } from "./editor/graph-ops.js";
import { setError, type Spec } from "./editor/panel.js";
import { Panels } from "./editor/panels.js";
import { DIGITS, TOLERANCE, type Answer } from "./protocol.js";
import { decodeState, encodeState, formatSpec, initialState, storeState, type PageState } from "./state.js";
import { installStyles } from "./styles.js";
import { recurrentPanel } from "./recurrent.js";
import { convolutionPanel } from "./convolution.js";
import { fillTable, progressLine, selectionLine, setText, verdict } from "./view.js";

/** Networks with more weights and biases than this are not derived on the page, only in the worker. */
export const LIVE_LIMIT = 5000;
/** How long the page waits for the checks before it shows the derivation without them. */
const WAIT_FOR_CHECKS_MS = 300;

interface Live {
  readonly key: number;
  readonly network: Network;
  /** Absent over the live limit. */
  readonly proof?: Proof;
  readonly state: PageState;
  readonly derivedMs: number;
  report?: Answer & { kind: "done" };
  shown: boolean;
}

const message = (e: unknown): { field: string; text: string } =>
  e instanceof InputError
    ? { field: e.field, text: `${e.field}: ${e.detail}` }
    : { field: "", text: e instanceof Error ? e.message : String(e) };

export function startPage(doc: Document): void {
  installStyles(doc);
  const $ = <T extends HTMLElement = HTMLElement>(id: string): T => doc.getElementById(id) as T;
  const json = $<HTMLTextAreaElement>("spec-json");
  const jsonError = $("spec-json-error");
  const paramsBox = $<HTMLTextAreaElement>("params-json");
  const paramsError = $("params-json-error");
  const article = $("derivation");
  const status = $("status");
  const count = $("check-count");
  const table = $<HTMLTableElement>("check-table").tBodies[0]!;
  const all = presets();
  const defaults: PageState = {
    specText: formatSpec(all.seed ?? DEFAULT_SPEC),
    style: "notes",
    lang: "en",
    check: true,
    example: false,
    paramsText: "",
  };
  const formula = mountFormula(doc);
  const showCode = mountCode(doc);
  const codeOption = mountCodeOption(doc);
  const exercises = mountExercises(doc);
  let state = initialState(defaults);
  let live: Live | undefined;
  let key = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let paramsTyped = state.paramsText !== "";
  let draws = 1;

  const checker = new Checker($("bpd-playground").textContent ?? "", answer);
  const names = { activations: Object.keys(ACTIVATIONS), losses: Object.keys(LOSSES) };
  const fromPanel = (spec: Spec): void => update({ specText: formatSpec(spec) }, { from: "panel" });
  const panels = new Panels(doc, $("panels"), [
    layersPanel(doc, fromPanel, { ...names, convert }),
    graphPanel(doc, fromPanel, names),
    recurrentPanel(doc, fromPanel, names),
    convolutionPanel(doc, fromPanel, names),
  ]);

  for (const [name, spec] of Object.entries(all)) {
    const b = Object.assign(doc.createElement("button"), { type: "button", textContent: name });
    b.addEventListener("click", () => update({ specText: formatSpec(spec) }, { now: true }));
    $("preset-buttons").append(b);
  }
  const buttons = DOWNLOADS.map((d) => {
    const b = Object.assign(doc.createElement("button"), { type: "button", textContent: d.file, title: d.label, disabled: true });
    b.dataset.file = d.file;
    b.addEventListener("click", () => download(d.file));
    $("download-buttons").append(b);
    return b;
  });

  json.addEventListener("input", () => update({ specText: json.value }, { from: "json" }));
  for (const r of doc.querySelectorAll<HTMLInputElement>('input[name="style"]'))
    r.addEventListener("change", () => update({ style: r.value === "proof" ? "proof" : "notes" }, { now: true }));
  $<HTMLSelectElement>("lang").addEventListener("change", (e) => update({ lang: (e.target as HTMLSelectElement).value }, { now: true }));
  $<HTMLInputElement>("check").addEventListener("change", (e) => update({ check: (e.target as HTMLInputElement).checked }, { now: true }));
  $<HTMLInputElement>("example-on").addEventListener("change", (e) =>
    update({ example: (e.target as HTMLInputElement).checked }, { now: true }),
  );
  paramsBox.addEventListener("input", () => {
    paramsTyped = true;
    update({ paramsText: paramsBox.value });
  });
  $("params-random").addEventListener("click", () => {
    paramsTyped = false;
    draws++;
    update({ paramsText: "" }, { now: true });
  });
  globalThis.addEventListener("hashchange", () => {
    if (location.hash.slice(1) === encodeState(state, defaults)) return;
    state = decodeState(location.hash, defaults);
    paramsTyped = state.paramsText !== "";
    showControls();
    refresh();
  });

  showControls();
  refresh();

  /** The layered spec in the graph form, when it is a valid spec (else why not, said beside the button). */
  function convert(spec: Spec): string | undefined {
    try {
      parseSpec(spec);
    } catch (e) {
      return `Not converted: the spec has a problem first (${message(e).text}).`;
    }
    update({ specText: formatSpec(toGraph(spec)) }, { now: true });
    doc.getElementById("graph-inputs")?.focus();
    return undefined;
  }

  /** A change of the state: redrawn at once, or after a pause in typing. */
  function update(change: Partial<PageState>, how: { from?: "panel" | "json"; now?: boolean } = {}): void {
    state = { ...state, ...change };
    showControls(how.from);
    clearTimeout(timer);
    timer = setTimeout(refresh, how.now ? 0 : 150);
  }

  /** The controls showing the state, except the one being typed in. */
  function showControls(from?: "panel" | "json"): void {
    if (from !== "json") json.value = state.specText;
    if (from !== "panel") panels.show(readSpec(false));
    for (const r of doc.querySelectorAll<HTMLInputElement>('input[name="style"]')) r.checked = r.value === state.style;
    $<HTMLSelectElement>("lang").value = state.lang;
    $<HTMLInputElement>("check").checked = state.check;
    $<HTMLInputElement>("example-on").checked = state.example;
    $("example-body").hidden = !state.example;
    if (doc.activeElement !== paramsBox) paramsBox.value = state.paramsText;
  }

  /** The spec object of the JSON text, or undefined (with the message beside the text when `say`). */
  function readSpec(say: boolean): Spec | undefined {
    try {
      const v: unknown = JSON.parse(state.specText);
      if (v !== null && typeof v === "object" && !Array.isArray(v)) return v as Spec;
      if (say) setError(jsonError, json, 'The spec must be a JSON object, such as {"layers": [3, 2, 2]}.');
    } catch (e) {
      if (say) setError(jsonError, json, `Not valid JSON: ${(e as Error).message}`);
    }
    return undefined;
  }

  function keepLast(what: string): void {
    status.textContent = live?.proof ? `${what} The derivation below is the last good one.` : what;
    status.classList.add("problem");
  }

  /** Validates the state and, when it is good, derives, renders and starts the checks. */
  function refresh(): void {
    store();
    setError(jsonError, json, undefined);
    setError(paramsError, paramsBox, undefined);
    panels.clearMarks();
    const spec = readSpec(true);
    if (spec === undefined) return keepLast("The spec is not valid JSON (see beside it).");
    let network: Network;
    try {
      network = buildNetwork(parseSpec(spec));
    } catch (e) {
      const m = message(e);
      setError(jsonError, json, m.text);
      panels.mark(m.field, m.text);
      return keepLast("The spec has a problem (see beside the field).");
    }
    let params: Params | undefined;
    let batch: Batch | undefined;
    if (state.example) {
      const given = exampleParams(network);
      if (given === undefined) return keepLast("The worked example's numbers have a problem (see beside them).");
      // Several examples: the worked example over the mini-batch.
      if ("examples" in given) batch = given;
      else params = given;
    }
    const k = ++key;
    const over = network.params.length > LIVE_LIMIT;
    let proof: Proof | undefined;
    const t0 = performance.now();
    if (!over) {
      try {
        const derived = derive(network, { lang: state.lang, ...(batch ? { batch: true } : {}) });
        proof =
          batch !== undefined
            ? withWorkedBatch(derived, { batch, digits: DIGITS, tolerance: TOLERANCE })
            : params === undefined
              ? derived
              : withWorkedExample(derived, { params, digits: DIGITS, tolerance: TOLERANCE });
      } catch (e) {
        setError(jsonError, json, message(e).text);
        return keepLast("The network cannot be derived (see beside the spec).");
      }
    }
    live = { key: k, network, ...(proof ? { proof } : {}), state, derivedMs: performance.now() - t0, shown: false };
    formula.update(network, state.lang);
    exercises.update(network, state.lang);
    status.classList.remove("problem");
    for (const b of buttons) b.disabled = true;
    setText(count, [state.check ? "Checking…" : "Not checked: the checks are turned off, and the documents say so."]);
    fillTable(table, undefined);
    if (over) {
      article.replaceChildren();
      $("diagram-svg").replaceChildren();
      const size = `This network has ${network.params.length.toLocaleString("en")} weights and biases; the page derives and renders up to ${LIVE_LIMIT.toLocaleString("en")} as you type.`;
      status.textContent = `${size} Its full derivation.json is being made for download.`;
      // Said beside the sizes too, as the limit is theirs.
      panels.mark(panels.current?.title === "graph" ? "nodes" : "layers", `${size} derivation.json can still be downloaded.`);
    } else status.textContent = `Derived in ${Math.round(live.derivedMs)} ms.`;
    // A warm worker answers a small network within the wait: one rendering, with the checks.
    const wait = checker.warm ? WAIT_FOR_CHECKS_MS : 0;
    if (state.check || over)
      checker.run({
        key: k,
        spec,
        lang: state.lang,
        ...(params ? { params } : {}),
        ...(batch ? { batch } : {}),
        check: state.check,
        json: over,
      });
    else checker.cancel();
    if (!over) {
      if (state.check && wait > 0) setTimeout(() => live?.key === k && !live.shown && render(live), wait);
      else render(live);
    }
  }

  /** The worked example's params (one example, or a mini-batch of them): typed, or drawn for this network; undefined after saying why not. */
  function exampleParams(network: Network): Params | Batch | undefined {
    const draw = (): string => formatSpec(paramsToJson(network, randomParams(network, rng(draws))));
    if (state.paramsText.trim() === "") state = { ...state, paramsText: draw() };
    for (let attempt = 0; ; attempt++) {
      try {
        const { given, ...batch } = parseBatch(network, JSON.parse(state.paramsText));
        if (doc.activeElement !== paramsBox) paramsBox.value = state.paramsText;
        store();
        return given === "examples" ? batch : { ...batch.examples[0]!, eta: batch.eta, values: batch.values };
      } catch (e) {
        // Numbers drawn for another network are drawn again; typed ones are the user's to fix.
        if (!paramsTyped && attempt === 0) {
          state = { ...state, paramsText: draw() };
          continue;
        }
        setError(paramsError, paramsBox, e instanceof SyntaxError ? `Not valid JSON: ${e.message}` : message(e).text);
        return undefined;
      }
    }
  }

  function answer(a: Answer): void {
    const l = live;
    if (l === undefined || a.key !== l.key) return;
    if (a.kind === "progress") return setText(count, [progressLine(a.stage, a.done, a.total)]);
    if (a.kind === "failed") {
      setText(count, [`The checks could not be made: ${a.message}`], true);
      $("downloads-note").textContent = "The downloads report the checks; with the checks turned off, they can be made unchecked.";
      if (l.proof && !l.shown) render(l);
      return;
    }
    l.report = a;
    if (a.steps && a.report) {
      setText(count, verdict(a.steps, a.report), a.steps.failed + a.report.failed > 0);
      fillTable(table, a.report);
    }
    if (l.proof) render(l);
    else for (const b of buttons) b.disabled = b.dataset.file !== "derivation.json" || a.json === undefined;
  }

  function inputOf(l: Live): RenderInput {
    const r = l.report;
    return r?.steps && r.report
      ? { proof: l.proof!, report: r.report, steps: r.steps, stepChecks: r.steps.checks }
      : { proof: l.proof!, unchecked: true };
  }

  function render(l: Live): void {
    const t0 = performance.now();
    try {
      // The whole document, appendix included, as the page's body.
      const [fragment, svg] = FORMATS.html(inputOf(l), { style: l.state.style, fragment: true, appendix: "include" });
      // Parsed inert first: the fragment's <img src="network.svg"> must not be fetched; the
      // picture goes to its own place on the page, live.
      const inert = doc.createElement("template");
      inert.innerHTML = String(contentText(fragment!.content));
      inert.content.querySelector("figure.bpd-figure")?.remove();
      article.replaceChildren(inert.content);
      mountDiagram(
        $("diagram-svg"),
        String(svg === undefined ? "" : contentText(svg.content)),
        l.network,
        article,
        (s) => (status.textContent = selectionLine(s)),
      );
      l.shown = true;
      showCode(l.proof!);
      const checked = l.report !== undefined || !l.state.check;
      // Which edit the derivation shows, and whether with its checks: for scripts and tests.
      article.dataset.key = String(l.key);
      article.dataset.checked = String(l.report?.steps !== undefined);
      for (const b of buttons) b.disabled = !checked;
      $("downloads-note").textContent = checked ? "" : "The downloads wait for the checks, which they report.";
      if (performance.getEntriesByName("bpd-first-render").length === 0) performance.mark("bpd-first-render");
      status.textContent = `Derived in ${Math.round(l.derivedMs)} ms, rendered in ${Math.round(performance.now() - t0)} ms${l.report?.steps ? `, checked in ${Math.round(l.report.ms)} ms` : ""}.`;
    } catch (e) {
      keepLast(`The derivation could not be rendered: ${message(e).text}`);
    }
  }

  function download(file: string): void {
    const l = live;
    const d = DOWNLOADS.find((x) => x.file === file);
    if (l === undefined || d === undefined) return;
    try {
      if (l.proof === undefined) {
        if (file === "derivation.json" && l.report?.json !== undefined) save(doc, { name: file, content: l.report.json }, d.type);
        return;
      }
      const code = codeOption();
      save(doc, d.make(inputOf(l), { style: l.state.style, ...(code === undefined ? {} : { code }) }), d.type);
    } catch (e) {
      $("downloads-note").textContent = `The file could not be made: ${message(e).text}`;
    }
  }

  function store(): void {
    storeState(state, defaults);
  }
}
