// The panel of a spec in layer form: the name, each layer's size and (after the inputs) its
// activation, built in or a custom formula in x, the connections between layers, tied weights
// and the loss, built in or a formula in y and t; and a button that rewrites the spec in the
// graph form. It edits only these keys and keeps every other key of the spec as it was.
import { activationChoice, checkbox, clearFields, labelled, lossControl, markField, nameControl, type Mark } from "./controls.js";
import { connectionsBox, MAX_CONNECTION_LAYERS } from "./connections.js";
import { activationsOf, KEYS, withLayers } from "./layers-model.js";
import { errorLine, setError, type OnEdit, type Spec, type SpecPanel } from "./panel.js";
import { tiedDraft, tiedEditor } from "./tied.js";
import { connectionsOf, drawableTied, withKey, layeredNodeMap, moveConnections, remapTied, withConnections, withTied } from "./wiring.js";

export interface LayersOptions {
  readonly activations: readonly string[];
  readonly losses: readonly string[];
  /** Rewrites the spec in the graph form; returns a message when it cannot (the spec has a problem). */
  readonly convert?: (spec: Spec) => string | undefined;
}

const validSizes = (sizes: readonly unknown[]): boolean =>
  sizes.length >= 2 && sizes.every((n) => typeof n === "number" && Number.isInteger(n) && n > 0);

/** Whether the spec's connections can be shown as the panel's boxes: pairs of layer indices a < b. */
function drawableConnections(s: Spec): boolean {
  if (s.connections === undefined) return true;
  const count = Array.isArray(s.layers) ? s.layers.length : 0;
  return (
    count <= MAX_CONNECTION_LAYERS &&
    Array.isArray(s.connections) &&
    connectionsOf(s).length === s.connections.length &&
    connectionsOf(s).every(([a, b]) => Number.isInteger(a) && Number.isInteger(b) && a >= 0 && a < b && b < count)
  );
}

export function layersPanel(doc: Document, onEdit: OnEdit, options: LayersOptions): SpecPanel {
  const element = doc.createElement("fieldset");
  element.className = "panel layers";
  let spec: Spec = {};
  let marks: Mark[] = [];
  let tiedLines: string[] | undefined;
  /** The last sizes that were all whole numbers, and the tied names as they were then: a size typed in steps ("", "1", "12") renumbers the names once, from there. */
  let anchor: { sizes: unknown[]; spec: Spec } | undefined;

  const edit = (next: Spec, rebuild = false, focus?: string): void => {
    spec = next;
    if (Array.isArray(next.layers) && validSizes(next.layers)) anchor = { sizes: [...next.layers], spec: next };
    onEdit(next);
    if (rebuild) {
      build();
      if (focus !== undefined) (doc.getElementById(focus) as HTMLElement | null)?.focus();
    }
  };
  const sizes = (): unknown[] => (Array.isArray(spec.layers) ? [...(spec.layers as unknown[])] : []);
  const acts = (): unknown[] => activationsOf(spec).map((a) => a.value);

  /**
   * The spec with new sizes (and activations), its connections and tied names moved with the
   * layers. A size being typed renumbers from the anchor; a layer added or removed from now.
   */
  function relayer(
    next: unknown[],
    nextActs: unknown[],
    layerMap: (l: number) => number | undefined,
    how: { typing?: boolean; inserted?: number } = {},
  ): Spec {
    let out = withLayers(spec, next, nextActs);
    if (spec.connections !== undefined) out = withConnections(out, moveConnections(connectionsOf(spec), layerMap, how.inserted));
    const base = how.typing ? anchor : { sizes: sizes(), spec };
    if (base === undefined || !validSizes(base.sizes) || !validSizes(next)) return out;
    const tied = remapTied(base.spec, layeredNodeMap(base.sizes, next, layerMap)).tied;
    const { tied: _, ...rest } = out;
    return tied === undefined ? rest : withLayers({ ...rest, tied }, next, nextActs);
  }

  function build(): void {
    element.replaceChildren();
    marks = [];
    const legend = doc.createElement("legend");
    legend.textContent = "Layers, activations and loss";
    element.append(legend);

    const name = nameControl(doc, "spec-name", spec, "the layer sizes", (v) => edit(withLayers(withKey(spec, "name", v), sizes(), acts())));
    element.append(...name.elements);
    marks.push(...name.marks);

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
        edit(relayer(next, acts(), (l) => l, { typing: true }));
      });
      li.append(labelled(doc, `Layer ${i + 1}: number of nodes`, input, sizeError));
      marks.push({ field: `layers[${i}]`, control: input, error: sizeError });

      if (i > 0) {
        const act = activations[i - 1]!;
        const choice = activationChoice(
          doc,
          { select: `layer-act-${i}`, formula: `layer-formula-${i}` },
          { select: `Layer ${i + 1}: activation`, formula: `Layer ${i + 1}: f(x) =` },
          act.value,
          act.source,
          options.activations,
          (v) => {
            const next = acts();
            next[i - 1] = v;
            edit(withLayers(spec, sizes(), next));
          },
        );
        li.append(...choice.elements);
        marks.push(...choice.marks);
        // An edit can change how the spec spells this layer's activation (one "activation" for
        // all, or "activations[i]" once the layers differ) while the user is still typing in it:
        // every spelling that can name this layer's activation finds these controls.
        const last = kind === "outputs";
        const aliases = [`activations[${i - 1}]`, last ? "outputActivation" : "activation", ...(last ? ["activation"] : [])];
        for (const alias of aliases.filter((a) => a !== act.source))
          for (const m of choice.marks) marks.push({ ...m, field: m.field.replace(act.source, alias) });
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
          edit(
            relayer(s, a, (l) => (l === i ? undefined : l > i ? l - 1 : l)),
            true,
            "add-layer",
          );
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
      edit(
        relayer(s, a, (l) => (l >= at ? l + 1 : l), { inserted: at }),
        true,
        `layer-size-${at}`,
      );
    });
    const general = errorLine(doc, "layers-error");
    element.append(add, general);
    marks.push({ field: "layers", control: list, error: general });

    const wiring = connectionsBox(doc, spec, (pairs) => edit(withConnections(spec, pairs)));
    element.append(wiring.element);
    marks.push(...wiring.marks);
    if (spec.connections !== undefined) {
      // Only with connections: consecutive layers have no node that feeds nothing.
      const dead = checkbox(doc, "layers-allow-dead", "Allow nodes on no path to an output (their δ is 0)", spec.allowDead === true);
      dead.input.addEventListener("change", () =>
        edit(withLayers(withKey(spec, "allowDead", dead.input.checked || undefined), sizes(), acts())),
      );
      wiring.element.append(dead.box);
      marks.push({ field: "allowDead", control: dead.input, error: dead.error });
    }

    tiedLines = tiedDraft(spec, tiedLines);
    const tied = tiedEditor(doc, tiedLines, (lines, reshaped) => {
      tiedLines = lines;
      edit(withLayers(withTied(spec, lines), sizes(), acts()), reshaped, reshaped ? `tied-${Math.max(0, lines.length - 1)}` : undefined);
    });
    element.append(tied.element);
    marks.push(...tied.marks);

    const loss = lossControl(
      doc,
      spec,
      options.losses,
      (next) => edit(next),
      () => spec,
    );
    element.append(...loss.elements);
    marks.push(...loss.marks);

    if (options.convert !== undefined) {
      const convert = options.convert;
      const button = doc.createElement("button");
      button.type = "button";
      button.id = "to-graph";
      button.textContent = "Convert to the graph form (node by node)";
      const error = errorLine(doc, "to-graph-error");
      button.setAttribute("aria-describedby", error.id);
      button.addEventListener("click", () => {
        const why = convert(spec);
        setError(error, button, why);
      });
      element.append(button, error);
    }
  }

  return {
    title: "layers",
    element,
    accepts: (s) =>
      Array.isArray(s.layers) &&
      s.layers.length <= 64 &&
      Object.keys(s).every((k) => KEYS.includes(k)) &&
      drawableConnections(s) &&
      drawableTied(s),
    show(s) {
      spec = s;
      if (Array.isArray(s.layers) && validSizes(s.layers)) anchor = { sizes: [...s.layers], spec: s };
      build();
    },
    mark(field, message) {
      const hit = markField(marks, field, message);
      // A node that feeds nothing is named by its layer; what made it so is the set of connections.
      if (/^layers\[\d+\]$/.test(field) && / no path to an output/.test(message)) markField(marks, "connections", message);
      return hit;
    },
    clearMarks() {
      clearFields(marks);
    },
  };
}
