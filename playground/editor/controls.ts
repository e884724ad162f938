// The controls that both panels use: a labelled field with its error line, a choice of a built-in
// activation or loss or a custom formula, and the loss. Each records which spec path it edits, so
// that a panel can put the library's message beside the control of the field it names.
import { errorLine, setError, type Spec } from "./panel.js";

export const CUSTOM = "custom";
export const DEFAULT_ACTIVATION_FORMULA = "x / (1 + abs(x))";
export const DEFAULT_LOSS_FORMULA = "(y - t)^2 / 2";

/** A control, its error line and the spec path it edits ("nodes[2].from", "loss.custom"). */
export interface Mark {
  readonly field: string;
  readonly control: HTMLElement;
  readonly error: HTMLElement;
}

/** Puts the message beside the most specific control whose path the field starts with. */
export function markField(marks: readonly Mark[], field: string, message: string): boolean {
  // The most specific field; among equals (a field several controls can spell), the one in use.
  const inUse = (m: Mark): number => (m.control.ownerDocument.activeElement === m.control ? 0 : 1);
  const hit = marks
    .filter((m) => field === m.field || field.startsWith(`${m.field}.`) || field.startsWith(`${m.field}[`))
    .sort((a, b) => b.field.length - a.field.length || inUse(a) - inUse(b))[0];
  if (hit === undefined) return false;
  setError(hit.error, hit.control, message);
  return true;
}

export const clearFields = (marks: readonly Mark[]): void => {
  for (const m of marks) setError(m.error, m.control, undefined);
};

export function option(doc: Document, value: string, text: string): HTMLOptionElement {
  const o = doc.createElement("option");
  o.value = value;
  o.textContent = text;
  return o;
}

/** A select of the names and "custom formula"; "" stands for a value it cannot show, or for `blank` when given. */
export function chooser(doc: Document, id: string, names: readonly string[], blank?: string): HTMLSelectElement {
  const s = doc.createElement("select");
  s.id = id;
  const first = option(doc, "", blank ?? "(not one of these)");
  first.disabled = blank === undefined;
  s.append(first, ...names.map((n) => option(doc, n, n)), option(doc, CUSTOM, "custom formula"));
  return s;
}

/** The select's value for a spec value: a name, "custom", or "" (unknown). */
export function choice(v: unknown, names: readonly string[]): string {
  if (typeof v === "string") return names.includes(v) ? v : "";
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (typeof o.custom === "string") return CUSTOM;
    if (typeof o.name === "string" && names.includes(o.name)) return o.name;
  }
  return "";
}

export const formulaOf = (v: unknown): string | undefined =>
  v !== null && typeof v === "object" && typeof (v as Record<string, unknown>).custom === "string"
    ? ((v as Record<string, unknown>).custom as string)
    : undefined;

/** A control with its label above it and its error line below, which describes it. */
export function labelled(doc: Document, text: string, control: HTMLElement, error: HTMLElement): HTMLDivElement {
  const div = doc.createElement("div");
  div.className = "control";
  const label = doc.createElement("label");
  label.htmlFor = control.id;
  // "Node 4: fed by": the row's title already shows "Node 4", so the prefix is heard, not seen.
  const prefix = /^(Node \d+: )(.*)$/s.exec(text);
  if (prefix) label.append(Object.assign(doc.createElement("span"), { className: "visually-hidden", textContent: prefix[1] }), prefix[2]!);
  else label.textContent = text;
  control.setAttribute("aria-describedby", error.id);
  div.append(label, control, error);
  return div;
}

/** A checkbox with its label after it, and its error line. */
export function checkbox(
  doc: Document,
  id: string,
  text: string,
  checked: boolean,
): { box: HTMLDivElement; input: HTMLInputElement; error: HTMLParagraphElement } {
  const input = doc.createElement("input");
  input.type = "checkbox";
  input.id = id;
  input.checked = checked;
  const error = errorLine(doc, `${id}-error`);
  input.setAttribute("aria-describedby", error.id);
  const label = doc.createElement("label");
  label.htmlFor = id;
  const prefix = /^(Node \d+ )(.*)$/s.exec(text);
  if (prefix)
    label.append(" ", Object.assign(doc.createElement("span"), { className: "visually-hidden", textContent: prefix[1] }), prefix[2]!);
  else label.textContent = ` ${text}`;
  const box = doc.createElement("div");
  box.className = "control check";
  box.append(input, label, error);
  return { box, input, error };
}

export function textField(doc: Document, id: string, value: string): HTMLInputElement {
  const input = doc.createElement("input");
  input.type = "text";
  input.id = id;
  input.spellcheck = false;
  input.autocomplete = "off";
  input.autocapitalize = "off";
  input.value = value;
  return input;
}

/** A formula's text field, shown only while "custom formula" is chosen. */
export function formulaField(
  doc: Document,
  id: string,
  text: string,
  value: string | undefined,
): { box: HTMLDivElement; input: HTMLInputElement; error: HTMLParagraphElement } {
  const input = textField(doc, id, value ?? "");
  const error = errorLine(doc, `${id}-error`);
  const box = labelled(doc, text, input, error);
  box.classList.add("formula");
  box.hidden = value === undefined;
  return { box, input, error };
}

/**
 * A choice of activation: a built-in name or a custom formula in x, and (with `blank`) an option
 * for "none given". `write` receives the new value (undefined for the blank option).
 */
export function activationChoice(
  doc: Document,
  ids: { select: string; formula: string },
  texts: { select: string; formula: string },
  value: unknown,
  field: string,
  names: readonly string[],
  write: (v: unknown) => void,
  blank?: string,
): { elements: HTMLElement[]; marks: Mark[] } {
  const select = chooser(doc, ids.select, names, blank);
  if (value !== undefined && blank !== undefined && choice(value, names) === "") {
    // A value the select cannot show is not "none given": said so, and the spec's check names it.
    const unknown = option(doc, "?", "(not one of these)");
    unknown.disabled = true;
    select.insertBefore(unknown, select.options[1] ?? null);
  }
  select.value = value === undefined && blank !== undefined ? "" : choice(value, names) || (blank !== undefined ? "?" : "");
  const error = errorLine(doc, `${ids.select}-error`);
  const formula = formulaField(doc, ids.formula, texts.formula, formulaOf(value));
  select.addEventListener("change", () => {
    if (select.value === CUSTOM && formula.input.value === "") formula.input.value = DEFAULT_ACTIVATION_FORMULA;
    formula.box.hidden = select.value !== CUSTOM;
    write(select.value === CUSTOM ? { custom: formula.input.value } : select.value === "" ? undefined : select.value);
  });
  formula.input.addEventListener("input", () => write({ custom: formula.input.value }));
  // A custom formula's errors go beside its text; the rest beside the select.
  return {
    elements: [labelled(doc, texts.select, select, error), formula.box],
    marks: [
      { field: `${field}.custom`, control: formula.input, error: formula.error },
      { field, control: select, error },
    ],
  };
}

/** The loss: a built-in name, or a formula in y and t. */
export function lossControl(
  doc: Document,
  spec: Spec,
  names: readonly string[],
  edit: (next: Spec) => void,
  current: () => Spec,
): { elements: HTMLElement[]; marks: Mark[] } {
  const loss = spec.loss ?? "mse";
  const select = chooser(doc, "loss", names);
  select.value = choice(loss, names);
  const error = errorLine(doc, "loss-error");
  const formula = formulaField(doc, "loss-formula", "Loss per output: E_k(y, t) =", formulaOf(loss));
  select.addEventListener("change", () => {
    if (select.value === CUSTOM && formula.input.value === "") formula.input.value = DEFAULT_LOSS_FORMULA;
    formula.box.hidden = select.value !== CUSTOM;
    edit({ ...current(), loss: select.value === CUSTOM ? { custom: formula.input.value } : select.value });
  });
  formula.input.addEventListener("input", () => edit({ ...current(), loss: { custom: formula.input.value } }));
  return {
    elements: [labelled(doc, "Loss", select, error), formula.box],
    marks: [
      { field: "loss.custom", control: formula.input, error: formula.error },
      { field: "loss", control: select, error },
    ],
  };
}

/** The spec's name: the prefix of labels, and the documents' title when it is not a preset's. */
export function nameControl(
  doc: Document,
  id: string,
  spec: Spec,
  placeholder: string,
  write: (name: string | undefined) => void,
): { elements: HTMLElement[]; marks: Mark[] } {
  const input = textField(doc, id, typeof spec.name === "string" ? spec.name : "");
  input.placeholder = placeholder;
  input.spellcheck = true;
  const error = errorLine(doc, `${id}-error`);
  input.addEventListener("input", () => write(input.value === "" ? undefined : input.value));
  return {
    elements: [labelled(doc, "Name (labels; a name of your own also titles the documents)", input, error)],
    marks: [{ field: "name", control: input, error }],
  };
}
