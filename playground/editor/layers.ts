// The panel of a spec in layer form: the name, each layer's size and (after the inputs) its
// activation, built in or a custom formula in x, and the loss, built in or a formula in y and t.
// It edits only these keys and keeps every other key of the spec as it was.
import { errorLine, setError, type OnEdit, type Spec, type SpecPanel } from "./panel.js";

const KEYS = ["$schema", "name", "layers", "activation", "outputActivation", "activations", "loss", "alpha"];
const CUSTOM = "custom";
const DEFAULT_ACTIVATION_FORMULA = "x / (1 + abs(x))";
const DEFAULT_LOSS_FORMULA = "(y - t)^2 / 2";

/** One non-input layer's activation as the spec gives it, and the key it comes from. */
interface Act {
  readonly value: unknown;
  readonly source: string;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Each non-input layer's activation, read as parseSpec reads it (sigmoid by default). */
export function activationsOf(spec: Spec): Act[] {
  const count = Array.isArray(spec.layers) ? spec.layers.length - 1 : 0;
  if (Array.isArray(spec.activations)) return Array.from({ length: count }, (_, i) => ({ value: (spec.activations as unknown[])[i], source: `activations[${i}]` }));
  const hidden = spec.activation ?? "sigmoid";
  const out: Act = spec.outputActivation !== undefined ? { value: spec.outputActivation, source: "outputActivation" } : { value: hidden, source: "activation" };
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? out : { value: hidden, source: "activation" }));
}

/**
 * The spec with these layer sizes and activations: one "activation" for the hidden layers and an
 * "outputActivation" when the hidden layers agree, else "activations", one per layer (always so
 * when the spec used that key). Known keys first, in the usual order, then the others.
 */
export function withLayers(spec: Spec, layers: unknown[], acts: unknown[]): Spec {
  const set: Spec = { layers };
  const hidden = acts.slice(0, -1);
  if (Array.isArray(spec.activations) || !hidden.every((a) => same(a, hidden[0]))) set.activations = acts;
  else {
    if (hidden.length > 0) set.activation = hidden[0];
    else if (spec.activation !== undefined && acts.length === 0) set.activation = spec.activation;
    if (acts.length > 0) set.outputActivation = acts[acts.length - 1];
  }
  const out: Spec = {};
  for (const k of KEYS) {
    if (k in set) out[k] = set[k];
    else if (!["activation", "outputActivation", "activations", "layers"].includes(k) && spec[k] !== undefined) out[k] = spec[k];
  }
  for (const [k, v] of Object.entries(spec)) if (!KEYS.includes(k)) out[k] = v;
  return out;
}

function option(doc: Document, value: string, text: string): HTMLOptionElement {
  const o = doc.createElement("option");
  o.value = value;
  o.textContent = text;
  return o;
}

/** A select of the names, "custom formula", and a blank for a value it cannot show. */
function chooser(doc: Document, id: string, names: readonly string[]): HTMLSelectElement {
  const s = doc.createElement("select");
  s.id = id;
  s.append(option(doc, "", "(not one of these)"), ...names.map((n) => option(doc, n, n)), option(doc, CUSTOM, "custom formula"));
  (s.options[0] as HTMLOptionElement).disabled = true;
  return s;
}

/** The select's value for a spec value: a name, "custom", or "" (unknown). */
function choice(v: unknown, names: readonly string[]): string {
  if (typeof v === "string") return names.includes(v) ? v : "";
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o.custom === "string") return CUSTOM;
    if (typeof o.name === "string" && names.includes(o.name)) return o.name;
  }
  return "";
}

const formulaOf = (v: unknown): string | undefined =>
  v !== null && typeof v === "object" && typeof (v as Record<string, unknown>).custom === "string" ? ((v as Record<string, unknown>).custom as string) : undefined;

function labelled(doc: Document, text: string, control: HTMLElement, error: HTMLElement): HTMLDivElement {
  const div = doc.createElement("div");
  div.className = "control";
  const label = doc.createElement("label");
  label.htmlFor = control.id;
  label.textContent = text;
  control.setAttribute("aria-describedby", error.id);
  div.append(label, control, error);
  return div;
}

/** A formula's text field, shown only while "custom formula" is chosen. */
function formulaField(doc: Document, id: string, text: string, value: string | undefined): { box: HTMLDivElement; input: HTMLInputElement; error: HTMLParagraphElement } {
  const input = doc.createElement("input");
  input.type = "text";
  input.id = id;
  input.spellcheck = false;
  input.autocomplete = "off";
  input.value = value ?? "";
  const error = errorLine(doc, `${id}-error`);
  const box = labelled(doc, text, input, error);
  box.classList.add("formula");
  box.hidden = value === undefined;
  return { box, input, error };
}

export function layersPanel(doc: Document, onEdit: OnEdit, names: { activations: readonly string[]; losses: readonly string[] }): SpecPanel {
  const element = doc.createElement("fieldset");
  element.className = "panel layers";
  let spec: Spec = {};
  /** Controls by the spec path they edit, for mark(). */
  let marks: { field: string; control: HTMLElement; error: HTMLElement }[] = [];
  const general = errorLine(doc, "layers-error");

  const edit = (next: Spec, rebuild = false, focus?: string): void => {
    spec = next;
    onEdit(next);
    if (rebuild) {
      build();
      if (focus !== undefined) (doc.getElementById(focus) as HTMLElement | null)?.focus();
    }
  };
  const sizes = (): unknown[] => (Array.isArray(spec.layers) ? [...(spec.layers as unknown[])] : []);
  const acts = (): unknown[] => activationsOf(spec).map((a) => a.value);

  function build(): void {
    element.replaceChildren();
    marks = [];
    const legend = doc.createElement("legend");
    legend.textContent = "Layers, activations and loss";
    element.append(legend);

    const name = doc.createElement("input");
    name.type = "text";
    name.id = "spec-name";
    name.value = typeof spec.name === "string" ? spec.name : "";
    name.placeholder = "the layer sizes";
    const nameError = errorLine(doc, "spec-name-error");
    name.addEventListener("input", () => {
      const next = { ...spec };
      if (name.value === "") delete next.name;
      else next.name = name.value;
      edit(withLayers(next, sizes(), acts()));
    });
    element.append(labelled(doc, "Name (the documents' title)", name, nameError));
    marks.push({ field: "name", control: name, error: nameError });

    const list = doc.createElement("ol");
    list.className = "layer-list";
    const layers = sizes();
    const activations = activationsOf(spec);
    layers.forEach((size, i) => {
      const li = doc.createElement("li");
      li.className = "layer";
      const kind = i === 0 ? "inputs" : i === layers.length - 1 ? "outputs" : "hidden";
      const head = doc.createElement("span");
      head.className = "layer-title";
      head.textContent = `Layer ${i + 1} (${kind})`;
      li.append(head);

      const input = doc.createElement("input");
      input.type = "number";
      input.min = "1";
      input.max = "10000";
      input.step = "1";
      input.inputMode = "numeric";
      input.id = `layer-size-${i}`;
      input.value = typeof size === "number" ? String(size) : String(size ?? "");
      const sizeError = errorLine(doc, `layer-size-${i}-error`);
      input.addEventListener("input", () => {
        const next = sizes();
        // As typed: a value that is not a whole number is refused by the spec's check, beside this field.
        next[i] = input.value.trim() === "" || !Number.isFinite(Number(input.value)) ? input.value : Number(input.value);
        edit(withLayers(spec, next, acts()));
      });
      li.append(labelled(doc, `Layer ${i + 1}: number of nodes`, input, sizeError));
      marks.push({ field: `layers[${i}]`, control: input, error: sizeError });

      if (i > 0) {
        const act = activations[i - 1]!;
        const select = chooser(doc, `layer-act-${i}`, names.activations);
        select.value = choice(act.value, names.activations);
        const actError = errorLine(doc, `layer-act-${i}-error`);
        const formula = formulaField(doc, `layer-formula-${i}`, `Layer ${i + 1}: f(x) =`, formulaOf(act.value));
        select.addEventListener("change", () => {
          const next = acts();
          next[i - 1] = select.value === CUSTOM ? { custom: formula.input.value || DEFAULT_ACTIVATION_FORMULA } : select.value;
          if (select.value === CUSTOM && formula.input.value === "") formula.input.value = DEFAULT_ACTIVATION_FORMULA;
          formula.box.hidden = select.value !== CUSTOM;
          edit(withLayers(spec, sizes(), next));
        });
        formula.input.addEventListener("input", () => {
          const next = acts();
          next[i - 1] = { custom: formula.input.value };
          edit(withLayers(spec, sizes(), next));
        });
        li.append(labelled(doc, `Layer ${i + 1}: activation`, select, actError), formula.box);
        // A custom formula's errors go beside its text; the rest beside the select.
        marks.push({ field: `${act.source}.custom`, control: formula.input, error: formula.error }, { field: act.source, control: select, error: actError });
      }
      if (kind === "hidden") {
        const remove = doc.createElement("button");
        remove.type = "button";
        remove.className = "remove";
        remove.textContent = "Remove";
        remove.setAttribute("aria-label", `Remove layer ${i + 1}`);
        remove.addEventListener("click", () => {
          const s = sizes();
          const a = acts();
          s.splice(i, 1);
          a.splice(i - 1, 1);
          edit(withLayers(spec, s, a), true, "add-layer");
        });
        li.append(remove);
      }
      list.append(li);
    });
    element.append(list);

    const add = doc.createElement("button");
    add.type = "button";
    add.id = "add-layer";
    add.textContent = "Add a hidden layer";
    add.disabled = layers.length < 2;
    add.addEventListener("click", () => {
      const s = sizes();
      const a = acts();
      const at = Math.max(1, s.length - 1);
      // A copy of the last hidden layer, or 2 nodes with the hidden activation.
      s.splice(at, 0, at > 1 ? s[at - 1] : 2);
      a.splice(at - 1, 0, at > 1 ? a[at - 2] : (spec.activation ?? "sigmoid"));
      edit(withLayers(spec, s, a), true, `layer-size-${at}`);
    });
    element.append(add, general);
    marks.push({ field: "layers", control: list, error: general });

    const loss = spec.loss ?? "mse";
    const lossSelect = chooser(doc, "loss", names.losses);
    lossSelect.value = choice(loss, names.losses);
    const lossError = errorLine(doc, "loss-error");
    const lossFormula = formulaField(doc, "loss-formula", "Loss per output: E_k(y, t) =", formulaOf(loss));
    lossSelect.addEventListener("change", () => {
      if (lossSelect.value === CUSTOM && lossFormula.input.value === "") lossFormula.input.value = DEFAULT_LOSS_FORMULA;
      lossFormula.box.hidden = lossSelect.value !== CUSTOM;
      edit({ ...spec, loss: lossSelect.value === CUSTOM ? { custom: lossFormula.input.value } : lossSelect.value });
    });
    lossFormula.input.addEventListener("input", () => edit({ ...spec, loss: { custom: lossFormula.input.value } }));
    element.append(labelled(doc, "Loss", lossSelect, lossError), lossFormula.box);
    marks.push({ field: "loss.custom", control: lossFormula.input, error: lossFormula.error }, { field: "loss", control: lossSelect, error: lossError });
  }

  return {
    title: "layers",
    element,
    accepts: (s) => Array.isArray(s.layers) && s.layers.length <= 64 && Object.keys(s).every((k) => KEYS.includes(k)),
    show(s) {
      spec = s;
      build();
    },
    mark(field, message) {
      // The most specific control whose path the field starts with; alpha and unknown keys have none.
      const hit = marks.filter((m) => field === m.field || field.startsWith(`${m.field}.`) || field.startsWith(`${m.field}[`)).sort((a, b) => b.field.length - a.field.length)[0];
      if (hit === undefined) return false;
      setError(hit.error, hit.control, message);
      return true;
    },
    clearMarks() {
      for (const m of marks) setError(m.error, m.control, undefined);
    },
  };
}
