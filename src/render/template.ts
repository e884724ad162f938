// Templates: nunjucks with delimiters that never clash with LaTeX braces:
// << value >>, <% tag %>, <# comment #>. An unknown variable is an error, not an empty string:
// nunjucks's throwOnUndefined only catches an undefined value that is printed, so the context is
// also wrapped in proxies that reject any lookup of a name it does not hold (in tests, loops and
// filters too), and the globals reject every name nunjucks does not define itself.
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

const UNKNOWN = "unknown variable";

// nunjucks resolves a top-level name from the globals when `name in globals` and the context
// lacks it: claiming every name sends unknown ones here, where they fail.
const globals = (env as unknown as { globals: Record<string, unknown> }).globals;
(env as unknown as { globals: object }).globals = new Proxy(globals, {
  has: () => true,
  get(target, prop) {
    if (typeof prop !== "string" || prop in target) return Reflect.get(target, prop);
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

/** The template source: a user's file (`field` names the option that chose it) or a built-in. */
function source(path: string, field: string | undefined): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "unreadable";
    if (field === undefined) throw new Error(`built-in template ${path} is missing (${code})`);
    throw new InputError(field, `cannot read template ${path} (${code === "ENOENT" ? "no such file" : code})`);
  }
}

/**
 * Renders a template file. `opaque` lists context values passed through unwrapped (large data
 * that a template prints whole, such as the JSON document). Errors in a user's template
 * (`field` set) are bad input; in a built-in one, a bug.
 */
export function renderTemplate(path: string, context: Record<string, unknown>, field?: string, opaque: readonly string[] = []): string {
  const text = source(path, field);
  const wrapped: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(context)) wrapped[k] = opaque.includes(k) ? v : strict(v, k);
  try {
    return env.renderString(text, wrapped);
  } catch (e) {
    const m = String((e as Error).message).replace(/\s+/g, " ").trim();
    if (field === undefined) throw new Error(`built-in template ${path}: ${m}`);
    const unknown = new RegExp(`${UNKNOWN} "([^"]+)"`).exec(m)?.[1];
    const at = /\[Line (\d+), Column (\d+)\]/.exec(m);
    const where = at ? ` (line ${at[1]})` : "";
    if (unknown !== undefined) throw new InputError(field, `template ${path} refers to an unknown variable "${unknown}"${where}; see templates/README.md`);
    if (/null or undefined value/.test(m)) {
      throw new InputError(field, `template ${path} outputs an undefined value${where}: ${expressionAt(text, at)}; see templates/README.md`);
    }
    throw new InputError(field, `template ${path} cannot be rendered: ${m.replace(/^\(unknown path\) ?/, "").slice(0, 160)}`);
  }
}

/** The << ... >> expression at nunjucks's line and column, to name it in the message. */
function expressionAt(text: string, at: RegExpExecArray | null): string {
  if (at === null) return "an expression";
  const line = text.split("\n")[Number(at[1]) - 1] ?? "";
  const found = /<<\s*(.*?)\s*>>/.exec(line.slice(Math.max(0, Number(at[2]) - 3)));
  return found ? `<< ${found[1]} >>` : "an expression";
}

export const builtinTemplate = (name: string): string => join(TEMPLATE_DIR, name);

/** Fails early, before any work, when a user's template cannot be read. */
export function checkTemplate(path: string, field: string): void {
  source(path, field);
}
