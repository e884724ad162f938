// The connections of a layered spec as checkboxes: for each layer after the inputs, one box per
// earlier layer, checked when that layer feeds it densely ([a, b] in the spec). Unchecking the
// last box into a layer is allowed: the spec's own check then says what is wrong, beside them.
import type { Mark } from "./controls.js";
import { errorLine, type Spec } from "./panel.js";
import { connectionsOf, type Pair } from "./wiring.js";

/** Beyond this many layers the boxes (one per pair) would be too many: such connections are edited as JSON. */
export const MAX_CONNECTION_LAYERS = 12;

export function connectionsBox(doc: Document, spec: Spec, write: (pairs: Pair[]) => void): { element: HTMLFieldSetElement; marks: Mark[] } {
  const element = doc.createElement("fieldset");
  element.className = "connections";
  element.id = "connections";
  const legend = doc.createElement("legend");
  legend.textContent = "Connections between layers";
  const error = errorLine(doc, "connections-error");
  element.setAttribute("aria-describedby", error.id);
  element.append(legend);
  const count = Array.isArray(spec.layers) ? spec.layers.length : 0;
  if (count > MAX_CONNECTION_LAYERS) {
    const note = doc.createElement("p");
    note.className = "note";
    note.textContent = `Each layer feeds the next. With more than ${MAX_CONNECTION_LAYERS} layers, other connections are written in the JSON ("connections": [[a, b], ...]).`;
    element.append(note, error);
    return { element, marks: [{ field: "connections", control: element, error }] };
  }
  const help = doc.createElement("p");
  help.className = "note";
  help.textContent =
    "Each box joins every node of one layer to every node of a later one (the pair [a, b] of the spec, layers counted from 0).";
  element.append(help);
  const on = new Set(connectionsOf(spec).map(([a, b]) => `${a},${b}`));
  const boxes: { pair: Pair; input: HTMLInputElement }[] = [];
  for (let b = 1; b < count; b++) {
    const row = doc.createElement("div");
    row.className = "connection-row";
    row.setAttribute("role", "group");
    const head = doc.createElement("span");
    head.className = "field-label";
    head.id = `conn-into-${b}`;
    head.textContent = `Layer ${b + 1} is fed by:`;
    row.setAttribute("aria-labelledby", head.id);
    row.append(head);
    for (let a = 0; a < b; a++) {
      const input = doc.createElement("input");
      input.type = "checkbox";
      input.id = `conn-${a}-${b}`;
      input.checked = on.has(`${a},${b}`);
      const label = doc.createElement("label");
      label.htmlFor = input.id;
      // Seen: "layer 1"; heard: "layer 1 feeds layer 3".
      const hidden = Object.assign(doc.createElement("span"), { className: "visually-hidden", textContent: ` feeds layer ${b + 1}` });
      label.append(input, ` layer ${a + 1}`, hidden);
      input.addEventListener("change", () => write(boxes.filter((x) => x.input.checked).map((x) => x.pair)));
      boxes.push({ pair: [a, b], input });
      row.append(label);
    }
    element.append(row);
  }
  element.append(error);
  return { element, marks: [{ field: "connections", control: element, error }] };
}
