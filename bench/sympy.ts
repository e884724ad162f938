// The same sigmoid/mse job, side by side with SymPy (bench/sympy_job.py differentiates E with
// respect to every weight and bias), when python3 with sympy is installed: whole processes
// (backprop-derive derive --no-check --format json against python3 sympy_job.py), and in-process
// (the first derive() in a fresh node process against SymPy's job after its import).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const SIZES = ["4,4,4", "8,8,8", "16,16,16"];

const hasSympy = (): boolean => spawnSync("python3", ["-c", "import sympy"], { stdio: "ignore" }).status === 0;

function wall(cmd: string, args: readonly string[]): { ms: number; stdout: string } {
  const t0 = performance.now();
  const stdout = execFileSync(cmd, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" }, maxBuffer: 1 << 26 });
  return { ms: performance.now() - t0, stdout };
}

/** The first derive() of a fresh node process, in ms (parse and build included). */
function firstDerive(layers: string): number {
  const script = `const m = await import(${JSON.stringify(join(ROOT, "dist", "index.js"))});
const t0 = performance.now();
m.derive(m.buildNetwork(m.parseSpec({ layers: [${layers}], activation: "sigmoid", loss: "mse" })));
console.log(performance.now() - t0);`;
  return Number(wall(process.execPath, ["--input-type=module", "-e", script]).stdout.trim());
}

export function benchSympy(): string[] {
  if (!hasSympy()) return ["SymPy comparison: skipped (python3 with sympy is not installed; Debian: python3-sympy)"];
  const lines = ["layers        params   SymPy process  ours process  ratio   SymPy job  our first derive  ratio"];
  const out = mkdtempSync(join(tmpdir(), "bpd-sympy-"));
  for (const layers of SIZES) {
    const py = wall("python3", [join(ROOT, "bench", "sympy_job.py"), layers]);
    const job = JSON.parse(py.stdout.trim().split("\n").at(-1)!) as { params: number; job_s: number };
    const ours = wall(process.execPath, [
      join(ROOT, "dist", "bin", "run.js"),
      "derive",
      "--layers",
      layers,
      "--activation",
      "sigmoid",
      "--loss",
      "mse",
      "--no-check",
      "--format",
      "json",
      "--out",
      out,
      "--quiet",
    ]);
    const first = firstDerive(layers);
    lines.push(
      `[${layers}]`.padEnd(13) +
        `${String(job.params).padStart(7)} ${py.ms.toFixed(0).padStart(12)} ms ${ours.ms.toFixed(0).padStart(9)} ms ${(py.ms / ours.ms).toFixed(1).padStart(6)}x ${(job.job_s * 1000).toFixed(0).padStart(8)} ms ${first.toFixed(1).padStart(13)} ms ${((job.job_s * 1000) / first).toFixed(0).padStart(6)}x`,
    );
  }
  rmSync(out, { recursive: true, force: true });
  return lines;
}
