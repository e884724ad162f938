// The panel of a spec in the graph form: the name, the number of inputs, the default activation,
// one row per listed node (the nodes that feed it, its activation, its bias, its softmax group,
// whether the loss reads it), the outputs in the order of the targets, tied weights, allowDead
// and the loss. Each refusal of the spec's check is shown beside the field it names: an edge from
// a later node beside that node's "fed by", a dead node beside its row, a tied name beside its group.
import {
  activationChoice,
  checkbox,
  clearFields,
  labelled,
  lossControl,
  markField,
  nameControl,
  textField,
  type Mark,
} from "./controls.js";
import { addNode, inputsOf, nodesOf, numbersOf, numbersText, removeNode, setInputs, setOutput, type GraphNode } from "./graph-ops.js";
import { errorLine, type OnEdit, type Spec, type SpecPanel } from "./panel.js";
import { tiedDraft, tiedEditor } from "./tied.js";
import { drawableTied, withKey, withTied } from "./wiring.js";

/** The keys of the graph form, and of a node, that the panel edits (it shows no spec with others). */
const KEYS = ["$schema", "name", "inputs", "activation", "nodes", "outputs", "loss", "tied", "allowDead", "alpha"];
const NODE_KEYS = ["id", "from", "activation", "bias", "group"];
/** More nodes than this are edited as JSON: a form of hundreds of rows helps nobody. */
export const MAX_ROWS = 60;

export function graphPanel(doc: Document, onEdit: OnEdit, names: { activations: readonly string[]; losses: readonly string[] }): SpecPanel {
  const element = doc.createElement("fieldset");
  element.className = "panel graph";
  let spec: Spec = {};
  let marks: Mark[] = [];
  let tiedLines: string[] | undefined;

  const edit = (next: Spec, rebuild = false, focus?: string): void => {
    spec = next;
    onEdit(next);
    if (rebuild) {
      build();
      if (focus !== undefined) (doc.getElementById(focus) as HTMLElement | null)?.focus();
    }
  };
  /** The spec with listed node i changed by `change` (a key set to undefined is removed). */
  const editNode = (i: number, change: GraphNode, rebuild = false): void => {
    const nodes = nodesOf(spec).map((n, j) => {
      if (j !== i) return n;
      const out: GraphNode = { ...n, ...change };
      for (const [k, v] of Object.entries(change)) if (v === undefined) delete out[k];
      return out;
    });
    edit({ ...spec, nodes }, rebuild);
  };

  function build(): void {
    element.replaceChildren();
    marks = [];
    const legend = doc.createElement("legend");
    legend.textContent = "Nodes (the graph form), activations and loss";
    element.append(legend);

    const name = nameControl(doc, "graph-name", spec, "the nodes at each depth", (v) => edit(withKey(spec, "name", v)));
    element.append(...name.elements);
    marks.push(...name.marks);

    const inputs = doc.createElement("input");
    inputs.type = "number";
    inputs.min = "1";
    inputs.step = "1";
    inputs.inputMode = "numeric";
    inputs.id = "graph-inputs";
    inputs.value = String(spec.inputs ?? "");
    const inputsError = errorLine(doc, "graph-inputs-error");
    // The numbers of every listed node move with it, from the spec as it was when typing began
    // (so that "1" on the way to "12" drops nothing); the rows follow once typing stops.
    let base: Spec | undefined;
    inputs.addEventListener("input", () => {
      base ??= spec;
      edit(setInputs(base, inputs.value.trim() === "" || !Number.isFinite(Number(inputs.value)) ? inputs.value : Number(inputs.value)));
    });
    inputs.addEventListener("change", () => {
      base = undefined;
      build();
      (doc.getElementById("graph-inputs") as HTMLElement | null)?.focus();
    });
    element.append(labelled(doc, `Number of inputs (nodes 1 to ${inputsOf(spec) || "n"})`, inputs, inputsError));
    marks.push({ field: "inputs", control: inputs, error: inputsError });

    const fallback = activationChoice(
      doc,
      { select: "graph-act", formula: "graph-formula" },
      { select: "Default activation (of each node that names none)", formula: "Default: f(x) =" },
      spec.activation,
      "activation",
      names.activations,
      (v) => edit(withKey(spec, "activation", v)),
      "sigmoid (none given)",
    );
    element.append(...fallback.elements);
    marks.push(...fallback.marks);

    const first = inputsOf(spec) + 1;
    const outputs = Array.isArray(spec.outputs) ? (spec.outputs as unknown[]) : [];
    const list = doc.createElement("ol");
    list.className = "node-list";
    list.start = first;
    nodesOf(spec).forEach((node, i) => {
      const k = first + i;
      const li = doc.createElement("li");
      li.className = "node";
      li.id = `node-row-${i}`;
      const head = doc.createElement("span");
      head.className = "node-title";
      head.textContent = `Node ${k}`;
      const rowError = errorLine(doc, `node-${i}-error`);
      li.append(head, rowError);
      marks.push({ field: `nodes[${i}]`, control: li, error: rowError });

      const from = textField(doc, `node-from-${i}`, numbersText(node.from));
      from.inputMode = "numeric";
      from.placeholder = "1, 2";
      const fromError = errorLine(doc, `node-from-${i}-error`);
      from.addEventListener("input", () => editNode(i, { from: numbersOf(from.value) }));
      li.append(labelled(doc, `Node ${k}: fed by (earlier nodes)`, from, fromError));
      marks.push({ field: `nodes[${i}].from`, control: from, error: fromError });

      const act = activationChoice(
        doc,
        { select: `node-act-${i}`, formula: `node-formula-${i}` },
        { select: `Node ${k}: activation`, formula: `Node ${k}: f(x) =` },
        node.activation,
        `nodes[${i}].activation`,
        names.activations,
        (v) => editNode(i, { activation: v }),
        "the default",
      );
      li.append(...act.elements);
      marks.push(...act.marks);

      const group = textField(doc, `node-group-${i}`, typeof node.group === "string" ? node.group : "");
      group.placeholder = "for softmax";
      const groupError = errorLine(doc, `node-group-${i}-error`);
      group.addEventListener("input", () => editNode(i, { group: group.value === "" ? undefined : group.value }));
      li.append(labelled(doc, `Node ${k}: softmax group`, group, groupError));
      marks.push({ field: `nodes[${i}].group`, control: group, error: groupError });

      const bias = checkbox(doc, `node-bias-${i}`, `Node ${k} has a bias`, node.bias !== false);
      bias.input.addEventListener("change", () => editNode(i, { bias: bias.input.checked ? undefined : false }));
      const out = checkbox(doc, `node-out-${i}`, `Node ${k} is an output`, outputs.includes(k));
      out.input.addEventListener("change", () => edit(setOutput(spec, k, out.input.checked), true, out.input.id));
      const flags = doc.createElement("div");
      flags.className = "node-flags";
      flags.append(bias.box, out.box);
      li.append(flags);
      marks.push({ field: `nodes[${i}].bias`, control: bias.input, error: bias.error });
      if (typeof node.id === "number") marks.push({ field: `nodes[${i}].id`, control: li, error: rowError });

      const remove = doc.createElement("button");
      remove.type = "button";
      remove.className = "remove";
      remove.textContent = "Remove";
      remove.setAttribute("aria-label", `Remove node ${k}`);
      remove.addEventListener("click", () => edit(removeNode(spec, i), true, "add-node"));
      li.append(remove);
      list.append(li);
    });
    const nodesError = errorLine(doc, "nodes-error");
    element.append(list, nodesError);
    marks.push({ field: "nodes", control: list, error: nodesError });
    const add = doc.createElement("button");
    add.type = "button";
    add.id = "add-node";
    add.textContent = "Add a node";
    add.addEventListener("click", () => edit(addNode(spec), true, `node-from-${nodesOf(spec).length}`));
    element.append(add);

    const outs = textField(doc, "graph-outputs", numbersText(spec.outputs));
    outs.inputMode = "numeric";
    const outsError = errorLine(doc, "graph-outputs-error");
    outs.addEventListener("input", () => edit({ ...spec, outputs: numbersOf(outs.value) }));
    // The boxes of the rows follow once typing stops.
    outs.addEventListener("change", () => build());
    element.append(labelled(doc, "Outputs (the nodes the loss reads, in the order of the targets)", outs, outsError));
    marks.push({ field: "outputs", control: outs, error: outsError });

    tiedLines = tiedDraft(spec, tiedLines);
    const tied = tiedEditor(doc, tiedLines, (lines, reshaped) => {
      tiedLines = lines;
      edit(withTied(spec, lines), reshaped, reshaped ? `tied-${Math.max(0, lines.length - 1)}` : undefined);
    });
    element.append(tied.element);
    marks.push(...tied.marks);

    const dead = checkbox(doc, "graph-allow-dead", "Allow nodes on no path to an output (their δ is 0)", spec.allowDead === true);
    dead.input.addEventListener("change", () => edit(withKey(spec, "allowDead", dead.input.checked || undefined)));
    element.append(dead.box);
    marks.push({ field: "allowDead", control: dead.input, error: dead.error });

    const loss = lossControl(
      doc,
      spec,
      names.losses,
      (next) => edit(next),
      () => spec,
    );
    element.append(...loss.elements);
    marks.push(...loss.marks);
  }

  return {
    title: "graph",
    element,
    accepts: (s) =>
      Array.isArray(s.nodes) &&
      s.nodes.length <= MAX_ROWS &&
      Object.keys(s).every((k) => KEYS.includes(k)) &&
      drawableTied(s) &&
      (s.outputs === undefined || Array.isArray(s.outputs)) &&
      (s.nodes as unknown[]).every(
        (n) =>
          n !== null &&
          typeof n === "object" &&
          !Array.isArray(n) &&
          Object.keys(n).every((k) => NODE_KEYS.includes(k)) &&
          ((n as GraphNode).from === undefined || Array.isArray((n as GraphNode).from)),
      ),
    show(s) {
      spec = s;
      build();
    },
    mark: (field, message) => markField(marks, field, message),
    clearMarks() {
      clearFields(marks);
    },
  };
}
