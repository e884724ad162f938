// The panel of a spec in the convolutional form: the input's shape, each layer of the stack (a
// convolution's filters, kernel, stride and padding, a pooling layer's max or average, window and
// stride, or a dense layer's units, each weighted layer with its activation), and the loss;
// buttons add a convolution, a pooling or a dense layer and remove the last layer. It edits only these keys and keeps every other key of the spec as it was; the library's
// checks name any problem beside its control (shape, stack[0].conv.kernel, ...).
import {
  activationChoice,
  clearFields,
  labelled,
  lossControl,
  markField,
  nameControl,
  option,
  textField,
  type Mark,
} from "./editor/controls.js";
import { errorLine, type OnEdit, type Spec, type SpecPanel } from "./editor/panel.js";

const KEYS = ["shape", "stack", "activation", "loss", "alpha", "name", "$schema"];
const CONV_KEYS = ["filters", "kernel", "stride", "padding"] as const;
const CONV_TEXT: Record<(typeof CONV_KEYS)[number], string> = {
  filters: "filters",
  kernel: "kernel (k, or rows, columns)",
  stride: "stride",
  padding: "zero padding",
};

type Layer = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** "1, 4, 4" as [1, 4, 4]; a number alone as itself; anything else as typed (the spec's check names it). */
function numbers(text: string): unknown {
  const parts = text.split(",").map((s) => s.trim());
  if (parts.some((p) => p === "" || !Number.isFinite(Number(p)))) return text;
  return parts.length === 1 ? Number(parts[0]) : parts.map(Number);
}

const shown = (v: unknown): string => (Array.isArray(v) ? v.join(", ") : v === undefined ? "" : String(v));

/** A stack layer the panel can show: a convolution, a pooling or a dense layer, with nothing else in it. */
const editable = (l: unknown): boolean =>
  (isObject(l) &&
    (l.pool === "max" || l.pool === "average") &&
    Object.keys(l).every((k) => k === "pool" || k === "size" || k === "stride")) ||
  (isObject(l) &&
    ((isObject(l.conv) && Object.keys(l.conv).every((k) => (CONV_KEYS as readonly string[]).includes(k)) && l.dense === undefined) ||
      (l.dense !== undefined && l.conv === undefined)) &&
    Object.keys(l).every((k) => k === "conv" || k === "dense" || k === "activation"));

export function convolutionPanel(
  doc: Document,
  onEdit: OnEdit,
  names: { activations: readonly string[]; losses: readonly string[] },
): SpecPanel {
  const element = doc.createElement("fieldset");
  element.className = "panel convolution";
  let spec: Spec = {};
  let marks: Mark[] = [];
  const edit = (next: Spec): void => {
    spec = next;
    onEdit(next);
  };
  const stackOf = (): Layer[] => (Array.isArray(spec.stack) ? (spec.stack as Layer[]) : []);
  const withLayer = (i: number, layer: Layer): Spec => ({ ...spec, stack: stackOf().map((l, n) => (n === i ? layer : l)) });
  const rebuild = (next: Spec): void => {
    edit(next);
    build();
  };

  function poolControls(layer: Layer, i: number): HTMLElement {
    const box = doc.createElement("fieldset");
    box.className = "conv-layer";
    const legend = doc.createElement("legend");
    legend.textContent = `Layer ${i + 1}: pooling`;
    box.append(legend);
    const op = doc.createElement("select");
    op.id = `conv-${i}-pool`;
    op.append(option(doc, "max", "max"), option(doc, "average", "average"));
    op.value = layer.pool === "average" ? "average" : "max";
    const opError = errorLine(doc, `conv-${i}-pool-error`);
    op.addEventListener("change", () => edit(withLayer(i, { ...layer, pool: op.value })));
    box.append(labelled(doc, `Layer ${i + 1}: pooling by`, op, opError));
    marks.push({ field: `stack[${i}].pool`, control: op, error: opError });
    for (const [key, text] of [
      ["size", "window (s, or rows, columns)"],
      ["stride", "stride (default: the window's)"],
    ] as const) {
      const id = `conv-${i}-${key}`;
      const input = textField(doc, id, shown(layer[key]));
      input.inputMode = "numeric";
      const error = errorLine(doc, `${id}-error`);
      input.addEventListener("input", () => {
        const { [key]: _, ...rest } = layer;
        edit(withLayer(i, input.value.trim() === "" ? rest : { ...rest, [key]: numbers(input.value) }));
      });
      box.append(labelled(doc, `Layer ${i + 1}: ${text}`, input, error));
      marks.push({ field: `stack[${i}].${key}`, control: input, error });
    }
    return box;
  }

  function layerControls(layer: Layer, i: number): HTMLElement {
    const box = doc.createElement("fieldset");
    box.className = "conv-layer";
    const legend = doc.createElement("legend");
    const conv = isObject(layer.conv) ? layer.conv : undefined;
    legend.textContent = `Layer ${i + 1}: ${conv === undefined ? "dense" : "convolution"}`;
    box.append(legend);
    const field = `stack[${i}]`;
    const fields: [string, string, unknown, (v: unknown) => Layer][] =
      conv === undefined
        ? [["dense", "units", layer.dense, (v) => ({ ...layer, dense: v })]]
        : CONV_KEYS.map((k) => [`conv.${k}`, CONV_TEXT[k], conv[k], (v: unknown) => ({ ...layer, conv: { ...conv, [k]: v } })]);
    for (const [key, text, value, write] of fields) {
      const id = `conv-${i}-${key.replace(".", "-")}`;
      const input = textField(doc, id, shown(value));
      input.inputMode = "numeric";
      const error = errorLine(doc, `${id}-error`);
      input.addEventListener("input", () => edit(withLayer(i, write(input.value.trim() === "" ? undefined : numbers(input.value)))));
      box.append(labelled(doc, `Layer ${i + 1}: ${text}`, input, error));
      marks.push({ field: `${field}.${key}`, control: input, error });
    }
    const act = activationChoice(
      doc,
      { select: `conv-${i}-activation`, formula: `conv-${i}-activation-formula` },
      { select: `Layer ${i + 1}: activation`, formula: `Layer ${i + 1}: f(x) =` },
      layer.activation,
      `${field}.activation`,
      names.activations,
      (v) => {
        const { activation: _, ...rest } = layer;
        edit(withLayer(i, v === undefined ? rest : { ...rest, activation: v }));
      },
      "the spec's activation",
    );
    box.append(...act.elements);
    marks.push(...act.marks, { field, control: legend, error: errorLine(doc, `conv-${i}-error`) });
    box.append(marks.at(-1)!.error);
    return box;
  }

  function build(): void {
    element.replaceChildren();
    marks = [];
    const legend = doc.createElement("legend");
    legend.textContent = "Convolutional network: input shape, layers and loss";
    element.append(legend);
    const name = nameControl(doc, "spec-name", spec, "the maps' shapes", (v) => {
      const { name: _, ...rest } = spec;
      edit(v === undefined ? rest : { ...rest, name: v });
    });
    element.append(...name.elements);
    marks.push(...name.marks);
    const shape = textField(doc, "conv-shape", shown(spec.shape));
    const shapeError = errorLine(doc, "conv-shape-error");
    shape.addEventListener("input", () => {
      const v = numbers(shape.value);
      edit({ ...spec, shape: typeof v === "number" ? [v] : v });
    });
    element.append(labelled(doc, "Input shape: channels, length (1-D) or channels, height, width (2-D)", shape, shapeError));
    marks.push({ field: "shape", control: shape, error: shapeError });
    stackOf().forEach((l, i) => element.append(l.pool === undefined ? layerControls(l, i) : poolControls(l, i)));
    const buttons = doc.createElement("div");
    buttons.className = "conv-buttons";
    const button = (text: string, click: () => void, disabled = false): void => {
      const b = Object.assign(doc.createElement("button"), { type: "button", textContent: text, disabled });
      b.addEventListener("click", click);
      buttons.append(b);
    };
    const stack = stackOf();
    const firstDense = stack.findIndex((l) => l.dense !== undefined);
    // A convolution goes before the dense layers (the form refuses one after them).
    button("Add a convolution", () => {
      const at = firstDense < 0 ? stack.length : firstDense;
      rebuild({ ...spec, stack: [...stack.slice(0, at), { conv: { filters: 2, kernel: 2 }, activation: "relu" }, ...stack.slice(at)] });
    });
    button("Add a pooling layer", () => {
      const at = firstDense < 0 ? stack.length : firstDense;
      rebuild({ ...spec, stack: [...stack.slice(0, at), { pool: "max", size: 2 }, ...stack.slice(at)] });
    });
    button("Add a dense layer", () => rebuild({ ...spec, stack: [...stack, { dense: 2 }] }));
    button("Remove the last layer", () => rebuild({ ...spec, stack: stack.slice(0, -1) }), stack.length <= 1);
    element.append(buttons);
    const loss = lossControl(doc, spec, names.losses, edit, () => spec);
    element.append(...loss.elements);
    marks.push(...loss.marks);
  }

  return {
    title: "convolutional network",
    element,
    accepts: (s) =>
      s.shape !== undefined && Array.isArray(s.stack) && s.stack.every(editable) && Object.keys(s).every((k) => KEYS.includes(k)),
    show(s) {
      spec = s;
      build();
    },
    mark: (field, message) => markField(marks, field, message),
    clearMarks: () => clearFields(marks),
  };
}
