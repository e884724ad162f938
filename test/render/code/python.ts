// The Python that runs the programs: the first of Debian's /usr/bin/python3 and the python3 on
// PATH that imports the module a program needs (numpy, or torch for the PyTorch program). CI
// installs Debian's python3-numpy and python3-torch (.ci/run); under CI a missing module fails
// the tests that need it, elsewhere they are skipped with a visible message.
import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CodeLang } from "../../../src/render/code/code.js";

const CANDIDATES = ["/usr/bin/python3", "python3"];

export function python(module: "numpy" | "torch"): string | undefined {
  const found = CANDIDATES.find((p) => spawnSync(p, ["-c", `import ${module}`], { stdio: "ignore" }).status === 0);
  if (found === undefined && process.env.CI) throw new Error(`no python3 here imports ${module}: CI must install it (see .ci/run)`);
  if (found === undefined) console.warn(`SKIPPED: no python3 imports ${module}; the tests that need it are skipped (they fail under CI)`);
  return found;
}

/** The interpreter of the NumPy programs and the notebook's cells. */
export const PYTHON = python("numpy") ?? "python3";

// One interpreter for many programs: importing torch takes seconds (more on a busy machine), so
// a process per program would make the test's time grow with the load until it passed its
// timeout. Each program still runs as `python3 program params.json` would: as __main__, with
// that argv, its stdout captured apart.
const RUN_MANY = `
import contextlib, io, json, runpy, sys
outputs = []
for program, params in json.load(sys.stdin):
    sys.argv = [program, params]
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(program, run_name="__main__")
        outputs.append({"stdout": out.getvalue()})
    except BaseException as e:
        outputs.append({"stdout": out.getvalue(), "error": f"{type(e).__name__}: {e}"})
json.dump(outputs, sys.__stdout__)
`;

export interface Ran {
  readonly stdout: string;
  /** The exception a program ended with (SystemExit included), if any. */
  readonly error?: string;
}

/** Each [program file, params file] run in one `interpreter` process, in order; with `-W error` if asked (a warning is then an error). */
export function runMany(interpreter: string, runs: readonly (readonly [string, string])[], warningsAreErrors = false): Ran[] {
  const args = [...(warningsAreErrors ? ["-W", "error"] : []), "-c", RUN_MANY];
  const r = spawnSync(interpreter, args, { input: JSON.stringify(runs), encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${interpreter} failed (${r.status}): ${r.stderr}`);
  const outputs = JSON.parse(r.stdout) as Ran[];
  if (outputs.length !== runs.length) throw new Error(`${runs.length} programs run, ${outputs.length} outputs`);
  return outputs;
}

/**
 * Runs programs on their params, each written to a file in `dir`, and returns what each printed,
 * parsed (or "raised …" where a Python program ended with an exception): node one process a
 * program, Python one process for all of a call (runMany), with warnings as errors if asked.
 */
export function programRunner(dir: string, torch: string | undefined, warningsAreErrors = false) {
  let n = 0;
  const write = (lang: CodeLang, text: string, params: unknown): [string, string] => {
    const at = n++;
    const program = join(dir, lang === "js" ? `p${at}.mjs` : `p${at}.py`);
    const json = join(dir, `params${at}.json`);
    writeFileSync(program, text);
    writeFileSync(json, JSON.stringify(params));
    return [program, json];
  };
  return (lang: CodeLang, programs: readonly { readonly text: string; readonly params: unknown }[]): unknown[] => {
    const runs = programs.map((p) => write(lang, p.text, p.params));
    if (lang === "js")
      return runs.map((files) =>
        JSON.parse(execFileSync(process.execPath, files, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })),
      );
    const interpreter = lang === "pytorch" ? (torch ?? PYTHON) : PYTHON;
    return runMany(interpreter, runs, warningsAreErrors).map((r) => (r.error === undefined ? JSON.parse(r.stdout) : `raised ${r.error}`));
  };
}
