// The form beside the JSON: of the panels (layers, then the graph form), the first that can show
// the spec is shown; a spec that none can show is edited as JSON alone, with a note saying so.
// While the JSON does not parse, the panel in use stays.
import type { Spec, SpecPanel } from "./panel.js";

export class Panels {
  private shown: SpecPanel | undefined;
  private readonly note: HTMLParagraphElement;

  constructor(
    doc: Document,
    box: HTMLElement,
    private readonly panels: readonly SpecPanel[],
  ) {
    this.note = Object.assign(doc.createElement("p"), {
      className: "note",
      hidden: true,
      textContent:
        "This spec is in a form that the form editors do not show (more layers or nodes than they list, or keys they do not edit): edit its JSON below.",
    });
    box.append(...panels.map((p) => p.element), this.note);
    this.shown = panels[0];
    for (const p of panels) p.element.hidden = p !== this.shown;
  }

  /** The panel in use, if any. */
  get current(): SpecPanel | undefined {
    return this.shown;
  }

  /** Shows the spec in the first panel that accepts it (undefined: the JSON does not parse; nothing changes). */
  show(spec: Spec | undefined): void {
    if (spec === undefined) return;
    this.shown = this.panels.find((p) => p.accepts(spec));
    for (const p of this.panels) {
      p.element.hidden = p !== this.shown;
      // A hidden panel keeps no controls: both panels name theirs alike ("loss", "tied-0"), and an id is one element's.
      if (p !== this.shown) p.element.replaceChildren();
    }
    this.shown?.show(spec);
    this.note.hidden = this.shown !== undefined;
  }

  /** The library's message beside the field it names, in the panel in use. */
  mark(field: string, message: string): boolean {
    return this.shown?.mark(field, message) ?? false;
  }

  clearMarks(): void {
    for (const p of this.panels) p.clearMarks();
  }
}
