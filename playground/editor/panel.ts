// A form that edits the spec: the page shows the first panel that accepts the spec, and the JSON
// text always. Each form of the spec has its panel (layers now; the graph form of a network node
// by node can be another), and a spec that no panel accepts is edited as JSON alone.
export type Spec = Record<string, unknown>;

export interface SpecPanel {
  /** What the panel edits, for the note shown when it is not the one in use. */
  readonly title: string;
  readonly element: HTMLElement;
  /** Whether the panel can show this spec without losing anything it says. */
  accepts(spec: Spec): boolean;
  /** Shows the spec in the controls (the user is not typing in them: see the page). */
  show(spec: Spec): void;
  /**
   * Puts `message` beside the control of `field` (a path as InputError names it: "layers[1]",
   * "activations[0].custom", "loss"); returns whether the panel has a control for it.
   */
  mark(field: string, message: string): boolean;
  clearMarks(): void;
}

/** Called by a panel with the whole new spec whenever the user changes a control. */
export type OnEdit = (spec: Spec) => void;

/** A labelled control's error line, announced when it appears. */
export function errorLine(doc: Document, id: string): HTMLParagraphElement {
  const p = doc.createElement("p");
  p.className = "error";
  p.id = id;
  p.setAttribute("role", "alert");
  p.hidden = true;
  return p;
}

export function setError(p: HTMLElement, control: HTMLElement | undefined, message: string | undefined): void {
  p.textContent = message ?? "";
  p.hidden = message === undefined;
  if (control !== undefined) {
    if (message === undefined) control.removeAttribute("aria-invalid");
    else control.setAttribute("aria-invalid", "true");
  }
}
