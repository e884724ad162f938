// The Python that runs the programs: the first of Debian's /usr/bin/python3 and the python3 on
// PATH that imports the module a program needs (numpy, or torch for the PyTorch program). CI
// installs Debian's python3-numpy and python3-torch (.ci/run); under CI a missing module fails
// the tests that need it, elsewhere they are skipped with a visible message.
import { spawnSync } from "node:child_process";

const CANDIDATES = ["/usr/bin/python3", "python3"];

export function python(module: "numpy" | "torch"): string | undefined {
  const found = CANDIDATES.find((p) => spawnSync(p, ["-c", `import ${module}`], { stdio: "ignore" }).status === 0);
  if (found === undefined && process.env.CI) throw new Error(`no python3 here imports ${module}: CI must install it (see .ci/run)`);
  if (found === undefined) console.warn(`SKIPPED: no python3 imports ${module}; the tests that need it are skipped (they fail under CI)`);
  return found;
}

/** The interpreter of the NumPy programs and the notebook's cells. */
export const PYTHON = python("numpy") ?? "python3";
