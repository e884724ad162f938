// The tied weights of either form: one line of weight names per group ("w_4_1, w_6_4"), the
// first name the parameter. A group just added and still blank is kept here, not in the spec,
// so that adding one does not at once draw the spec's refusal of an empty group.
import { labelled, textField, type Mark } from "./controls.js";
import { errorLine } from "./panel.js";
import { tiedLines, withTied, words } from "./wiring.js";
import type { Spec } from "./panel.js";

export interface TiedEditor {
  readonly element: HTMLFieldSetElement;
  readonly marks: readonly Mark[];
}

/**
 * The editor of `lines` (as typed, blank ones included; withTied leaves those out of the spec).
 * `write` receives every line and whether the list changed shape (a group added or removed).
 */
export function tiedEditor(doc: Document, lines: readonly string[], write: (lines: string[], reshaped: boolean) => void): TiedEditor {
  const element = doc.createElement("fieldset");
  element.className = "tied";
  const legend = doc.createElement("legend");
  legend.textContent = "Tied weights";
  const help = doc.createElement("p");
  help.className = "note";
  help.id = "tied-help";
  help.textContent =
    "Each group shares one value, named by its first weight: w_k_j is the edge from node j to node k, w_b_k the bias of node k.";
  element.append(legend, help);
  const now = [...lines];
  const marks: Mark[] = [];
  const list = doc.createElement("ol");
  list.className = "tied-list";
  now.forEach((line, g) => {
    const li = doc.createElement("li");
    const input = textField(doc, `tied-${g}`, line);
    input.placeholder = "w_5_4, w_6_4";
    const error = errorLine(doc, `tied-${g}-error`);
    const box = labelled(doc, `Tied group ${g + 1} (weight names)`, input, error);
    input.setAttribute("aria-describedby", `${error.id} tied-help`);
    input.addEventListener("input", () => {
      now[g] = input.value;
      write([...now], false);
    });
    const remove = doc.createElement("button");
    remove.type = "button";
    remove.className = "remove";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", `Remove tied group ${g + 1}`);
    remove.addEventListener("click", () =>
      write(
        now.filter((_, i) => i !== g),
        true,
      ),
    );
    li.append(box, remove);
    list.append(li);
    // Blank lines are not in the spec: a line's group there counts the written lines before it.
    marks.push({ field: `tied[${now.slice(0, g).filter((l) => words(l).length > 0).length}]`, control: input, error });
  });
  const general = errorLine(doc, "tied-error");
  marks.push({ field: "tied", control: list, error: general });
  const add = doc.createElement("button");
  add.type = "button";
  add.id = "add-tied";
  add.textContent = "Add a tied group";
  add.addEventListener("click", () => write([...now, ""], true));
  element.append(list, general, add);
  return { element, marks };
}

/** The lines to show for a spec: the draft while it says what the spec says, else the spec's. */
export function tiedDraft(spec: Spec, draft: readonly string[] | undefined): string[] {
  const mine = draft === undefined ? undefined : withTied({}, draft).tied;
  return draft !== undefined && JSON.stringify(mine) === JSON.stringify(spec.tied) ? [...draft] : tiedLines(spec);
}
