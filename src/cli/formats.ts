// What --format and --template ask of derive: the documents, the programs and the notebook, and
// the format a template replaces.
import { InputError, shorten } from "../errors.js";
import { FORMAT_NAMES, templateFormat, type Format } from "../render/document.js";
import { CODE_LANGS, type CodeLang } from "../render/code/code.js";

/** The documents, the programs (numpy, pytorch, js) and the notebook (ipynb) that --format asks for. */
export function parseFormats(v: string | boolean | undefined): { formats: Format[]; code: CodeLang[]; notebook: boolean } {
  const all: readonly Format[] = FORMAT_NAMES;
  if (v === undefined) return { formats: [...all], code: [], notebook: false };
  const list = String(v)
    .split(",")
    .map((s) => s.trim());
  for (const f of list) {
    if (!(all as readonly string[]).includes(f) && !(CODE_LANGS as readonly string[]).includes(f) && f !== "ipynb")
      throw new InputError("--format", `unknown format "${shorten(f)}"; allowed: ${[...all, ...CODE_LANGS, "ipynb"].join(", ")}`);
  }
  const unique = [...new Set(list)];
  return {
    formats: unique.filter((f): f is Format => (all as readonly string[]).includes(f)),
    code: unique.filter((f): f is CodeLang => (CODE_LANGS as readonly string[]).includes(f)),
    notebook: unique.includes("ipynb"),
  };
}

/** The format whose built-in template --template replaces: the only one asked for, or its name's. */
export function templateTarget(path: string, formats: readonly Format[]): Format {
  if (formats.length === 1) return formats[0]!;
  const f = templateFormat(path);
  if (f === undefined || !formats.includes(f)) {
    throw new InputError(
      "--template",
      `cannot tell which format ${shorten(path)} is for; name it *.tex.njk, *.html.njk, *.md.njk or *.json.njk, or give --format with one format`,
    );
  }
  return f;
}
