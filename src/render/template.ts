// Templates: nunjucks with delimiters that never clash with LaTeX braces:
// << value >>, <% tag %>, <# comment #>. An unknown variable is an error, not an empty string:
// nunjucks's throwOnUndefined only catches an undefined value that is printed, so the context is
// also wrapped in proxies that reject any lookup of a name it does not hold (in tests, loops and
// filters too), and the globals reject every name nunjucks does not define itself.
// A template is data, not a program: see sandbox.ts for what it can reach. The built-in templates
// are bundled into the library at build time (generated/templates.ts): nothing here reads a file.
import nunjucks from "nunjucks";
import { InputError } from "../errors.js";
import { TEMPLATE_FILES } from "./generated/templates.js";
import { boundFilters, BUDGET_ERROR, SANDBOX_ERROR, sandboxed, sandboxGlobals, STEP_BUDGET } from "./sandbox.js";

/** A template's text and the name it is reported by (a file path, or a built-in's name). */
export interface TemplateSource {
  readonly name: string;
  readonly text: string;
}

const env = new nunjucks.Environment(null, {
  autoescape: false,
  throwOnUndefined: true,
  trimBlocks: true,
  lstripBlocks: true,
  tags: { blockStart: "<%", blockEnd: "%>", variableStart: "<<", variableEnd: ">>", commentStart: "<#", commentEnd: "#>" },
});

boundFilters(env as unknown as Parameters<typeof boundFilters>[0]);

const UNKNOWN = "unknown variable";

// nunjucks resolves a top-level name from the globals when `name in globals` and the context
// lacks it: claiming every name sends unknown ones here, where they fail.
const globals = sandboxGlobals((env as unknown as { globals: Record<string, unknown> }).globals);
(env as unknown as { globals: object }).globals = new Proxy(globals, {
  has: () => true,
  get(target, prop) {
    if (typeof prop !== "string" || Object.hasOwn(target, prop)) return Reflect.get(target, prop);
    throw new Error(`${UNKNOWN} "${prop}"`);
  },
});

/** Property names that JavaScript and nunjucks probe on any object. */
const PROBED = new Set(["toJSON", "then", "__keywords", "constructor", "length", "inspect", "valueOf", "toString"]);
const proxies = new WeakMap<object, object>();

function strict(value: unknown, path: string): unknown {
  if (value === null || typeof value !== "object" || ArrayBuffer.isView(value)) return value;
  const hit = proxies.get(value);
  if (hit !== undefined) return hit;
  const proxy = new Proxy(value, {
    get(target, prop, receiver) {
      const name = typeof prop === "string" ? (path ? `${path}.${prop}` : prop) : path;
      if (typeof prop !== "string" || prop in target || PROBED.has(prop)) return strict(Reflect.get(target, prop, receiver), name);
      throw new Error(`${UNKNOWN} "${name}"`);
    },
  });
  proxies.set(value, proxy);
  return proxy;
}

/**
 * Renders a template. `opaque` lists context values passed through unwrapped (large data that a
 * template prints whole, such as the JSON document). Errors in a user's template (`field` names
 * the option that chose it) are bad input; in a built-in one, a bug.
 */
export function renderTemplate(
  template: TemplateSource,
  context: Record<string, unknown>,
  field?: string,
  opaque: readonly string[] = [],
): string {
  const { name, text } = template;
  const wrapped: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(context)) wrapped[k] = opaque.includes(k) ? v : strict(v, k);
  try {
    return sandboxed(() => env.renderString(text, wrapped));
  } catch (e) {
    const m = String((e as Error).message)
      .replace(/\s+/g, " ")
      .trim();
    if (field === undefined) throw new Error(`built-in template ${name}: ${m}`);
    const unknown = new RegExp(`${UNKNOWN} "([^"]+)"`).exec(m)?.[1];
    const at = /\[Line (\d+), Column (\d+)\]/.exec(m);
    const where = at ? ` (line ${at[1]})` : "";
    if (unknown !== undefined)
      throw new InputError(field, `template ${name} refers to an unknown variable "${unknown}"${where}; see templates/README.md`);
    if (m.includes(BUDGET_ERROR))
      throw new InputError(
        field,
        `template ${name} takes more than ${STEP_BUDGET.toLocaleString("en")} steps (loop iterations and macro calls together)${where}, more than a template may take`,
      );
    const refused = new RegExp(`${SANDBOX_ERROR}[^.;]*`).exec(m)?.[0];
    if (refused !== undefined)
      throw new InputError(
        field,
        `template ${name}: ${refused}${where}; a template can only print, test and loop over the documented variables`,
      );
    if (/null or undefined value/.test(m)) {
      throw new InputError(
        field,
        `template ${name} outputs an undefined value${where}: ${expressionAt(text, at)}; see templates/README.md`,
      );
    }
    throw new InputError(field, `template ${name} cannot be rendered: ${m.replace(/^\(unknown path\) ?/, "").slice(0, 160)}`);
  }
}

/** The << ... >> expression at nunjucks's line and column, to name it in the message. */
function expressionAt(text: string, at: RegExpExecArray | null): string {
  if (at === null) return "an expression";
  const line = text.split("\n")[Number(at[1]) - 1] ?? "";
  const found = /<<\s*(.*?)\s*>>/.exec(line.slice(Math.max(0, Number(at[2]) - 3)));
  return found ? `<< ${found[1]} >>` : "an expression";
}

/** A file bundled from templates/, by its path there ("derivation.tex.njk", "networks/seed.json"). */
export function bundledFile(name: string): string | undefined {
  return Object.hasOwn(TEMPLATE_FILES, name) ? TEMPLATE_FILES[name] : undefined;
}

/** The names of every file bundled from templates/. */
export const bundledFiles = (): string[] => Object.keys(TEMPLATE_FILES);

/** A built-in template by its file name in templates/. */
export function builtinTemplate(name: string): TemplateSource {
  const text = bundledFile(name);
  if (text === undefined) throw new Error(`built-in template ${name} is missing`);
  return { name, text };
}
