// Templates: nunjucks with delimiters that never clash with LaTeX braces:
// << value >>, <% tag %>, <# comment #>. An unknown variable is an error, not an empty string.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import { InputError } from "../errors.js";

export const TEMPLATE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "templates");

const env = new nunjucks.Environment(null, {
  autoescape: false,
  throwOnUndefined: true,
  trimBlocks: true,
  lstripBlocks: true,
  tags: { blockStart: "<%", blockEnd: "%>", variableStart: "<<", variableEnd: ">>", commentStart: "<#", commentEnd: "#>" },
});

/** Renders a template file; `field` names the option that chose it, for error messages. */
export function renderTemplate(path: string, context: object, field: string): string {
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (e) {
    throw new InputError(field, `cannot read template ${path}: ${(e as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
  try {
    return env.renderString(source, context);
  } catch (e) {
    const m = String((e as Error).message).replace(/\s+/g, " ").trim();
    const undef = /attempted to output null or undefined value|undefined/i.test(m);
    throw new InputError(field, `template ${path}: ${undef ? "refers to an unknown variable" : "cannot be rendered"} (${m.slice(0, 200)})`);
  }
}

export const builtinTemplate = (name: string): string => join(TEMPLATE_DIR, name);
