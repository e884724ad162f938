// The panel of a spec in the recurrent form: the sizes of x, h and y, the number of steps, where
// the loss is, the hidden and output activations and the loss. It edits only these keys and
// keeps every other key of the spec as it was; the library's checks name any problem beside
// its control (recurrent.steps, activation, ...).
import { activationChoice, clearFields, labelled, lossControl, markField, nameControl, option, type Mark } from "./editor/controls.js";
import { errorLine, type OnEdit, type Spec, type SpecPanel } from "./editor/panel.js";

const KEYS = ["recurrent", "activation", "outputActivation", "loss", "alpha", "name", "$schema"];
const SIZES = [
  ["inputs", "Inputs per step (n_x)", 1000],
  ["hidden", "Hidden state (n_h)", 1000],
  ["outputs", "Outputs per step (n_y)", 1000],
  ["steps", "Steps (T)", 200],
] as const;

const recurrentOf = (s: Spec): Record<string, unknown> =>
  s.recurrent !== null && typeof s.recurrent === "object" && !Array.isArray(s.recurrent) ? (s.recurrent as Record<string, unknown>) : {};

export function recurrentPanel(
  doc: Document,
  onEdit: OnEdit,
  names: { activations: readonly string[]; losses: readonly string[] },
): SpecPanel {
  const element = doc.createElement("fieldset");
  element.className = "panel recurrent";
  let spec: Spec = {};
  let marks: Mark[] = [];
  const edit = (next: Spec): void => {
    spec = next;
    onEdit(next);
  };
  const withRecurrent = (key: string, v: unknown): Spec => ({ ...spec, recurrent: { ...recurrentOf(spec), [key]: v } });
  const withKey = (key: string, v: unknown): Spec => {
    const { [key]: _, ...rest } = spec;
    return v === undefined ? rest : { ...rest, [key]: v };
  };

  function build(): void {
    element.replaceChildren();
    marks = [];
    const legend = doc.createElement("legend");
    legend.textContent = "Recurrent network: sizes, steps, activations and loss";
    element.append(legend);
    const name = nameControl(doc, "spec-name", spec, "the sizes and steps", (v) => edit(withKey("name", v)));
    element.append(...name.elements);
    marks.push(...name.marks);
    const r = recurrentOf(spec);
    for (const [key, text, max] of SIZES) {
      const input = doc.createElement("input");
      input.type = "number";
      input.min = "1";
      input.max = String(max);
      input.step = "1";
      input.inputMode = "numeric";
      input.id = `recurrent-${key}`;
      input.value = r[key] === undefined ? "" : String(r[key]);
      const error = errorLine(doc, `recurrent-${key}-error`);
      // As typed: a value that is not a whole number is refused by the spec's check, beside this field.
      input.addEventListener("input", () =>
        edit(withRecurrent(key, input.value.trim() === "" || !Number.isFinite(Number(input.value)) ? input.value : Number(input.value))),
      );
      element.append(labelled(doc, text, input, error));
      marks.push({ field: `recurrent.${key}`, control: input, error });
    }
    const lossAt = doc.createElement("select");
    lossAt.id = "recurrent-lossAt";
    lossAt.append(option(doc, "every", "at every step"), option(doc, "last", "at the last step only"));
    lossAt.value = r.lossAt === "last" ? "last" : "every";
    const lossAtError = errorLine(doc, "recurrent-lossAt-error");
    lossAt.addEventListener("change", () => edit(withRecurrent("lossAt", lossAt.value)));
    element.append(labelled(doc, "The loss", lossAt, lossAtError));
    marks.push({ field: "recurrent.lossAt", control: lossAt, error: lossAtError });
    for (const [key, text, fallback] of [
      ["activation", "Hidden state: activation f", "tanh"],
      ["outputActivation", "Output: activation g", "softmax"],
    ] as const) {
      const choice = activationChoice(
        doc,
        { select: `recurrent-${key}`, formula: `recurrent-${key}-formula` },
        { select: text, formula: `${text}: f(x) =` },
        spec[key] ?? fallback,
        key,
        names.activations,
        (v) => edit(withKey(key, v)),
      );
      element.append(...choice.elements);
      marks.push(...choice.marks);
    }
    // The loss's default follows the output: cross-entropy after softmax, else mse.
    const shown =
      spec.loss === undefined ? { ...spec, loss: (spec.outputActivation ?? "softmax") === "softmax" ? "cross-entropy" : "mse" } : spec;
    const loss = lossControl(doc, shown, names.losses, edit, () => spec);
    element.append(...loss.elements);
    marks.push(...loss.marks);
  }

  return {
    title: "recurrent network",
    element,
    accepts: (s) => s.recurrent !== undefined && Object.keys(s).every((k) => KEYS.includes(k)),
    show(s) {
      spec = s;
      build();
    },
    mark: (field, message) => markField(marks, field, message),
    clearMarks: () => clearFields(marks),
  };
}
