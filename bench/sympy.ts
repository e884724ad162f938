// Side by side with SymPy on the same sigmoid/mse networks, when python3 with sympy is installed
// (bench/sympy_job.py), SymPy doing the job in two forms, each labelled: "expanded", every
// gradient differentiated out of E in full, and "factored", the job backprop-derive does (each δ
// by the chain rule, every gradient as δ·y). Whole processes: backprop-derive derive --no-check
// --format json (which writes every gradient) against python3 sympy_job.py. In-process: SymPy's
// job after its import against the first derive() of a fresh node process, alone (it makes the
// per-weight results only when read) and with every step, δ, gradient and update read once.
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

/** The first derive() of a fresh node process, in ms (parse and build included), alone and with everything it derives read once. */
function firstDerive(layers: string): { derive: number; read: number } {
  const script = `const m = await import(${JSON.stringify(join(ROOT, "dist", "index.js"))});
const t0 = performance.now();
const proof = m.derive(m.buildNetwork(m.parseSpec({ layers: [${layers}], activation: "sigmoid", loss: "mse" })));
const t1 = performance.now();
let n = 0;
for (const s of proof.sections) for (const b of s.blocks) if (b.kind === "steps") for (const st of b.steps) n += st.lhs && st.rhs ? 1 : 0;
for (const d of proof.results.delta.values()) n += d ? 1 : 0;
for (const p of proof.results.params) n += p.gradient && p.update ? 1 : 0;
const t2 = performance.now();
if (n === 0) throw new Error("nothing derived");
console.log(JSON.stringify({ derive: t1 - t0, read: t2 - t0 }));`;
  return JSON.parse(wall(process.execPath, ["--input-type=module", "-e", script]).stdout.trim()) as { derive: number; read: number };
}

interface Job {
  readonly params: number;
  readonly job_s: number;
}

function sympy(layers: string, mode: "expanded" | "factored"): { ms: number; job: Job } {
  const py = wall("python3", [join(ROOT, "bench", "sympy_job.py"), layers, mode]);
  return { ms: py.ms, job: JSON.parse(py.stdout.trim().split("\n").at(-1)!) as Job };
}

const x = (r: number): string => `${r < 10 ? r.toFixed(1) : r.toFixed(0)}x`;

export function benchSympy(sizes: readonly string[] = SIZES): string[] {
  if (!hasSympy())
    return ["SymPy comparison: not measured: sympy missing (python3 with sympy; pip install sympy, or Debian's python3-sympy)"];
  const processes = [
    "whole processes: SymPy expanded / SymPy factored / backprop-derive derive --no-check --format json, and SymPy's time ÷ ours",
    "layers        params   SymPy expanded   SymPy factored      ours   expanded ÷ ours   factored ÷ ours",
  ];
  const inProcess = [
    "in-process: SymPy's job after its import / our first derive() alone / with every step, δ, gradient and update read once",
    "layers        expanded   factored   derive()   derive() + read   expanded ÷ read   factored ÷ read   factored ÷ derive()",
  ];
  const out = mkdtempSync(join(tmpdir(), "bpd-sympy-"));
  try {
    for (const layers of sizes) {
      const expanded = sympy(layers, "expanded");
      const factored = sympy(layers, "factored");
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
      const [e, f] = [expanded.job.job_s * 1000, factored.job.job_s * 1000];
      processes.push(
        `[${layers}]`.padEnd(13) +
          `${String(expanded.job.params).padStart(7)} ${expanded.ms.toFixed(0).padStart(13)} ms ${factored.ms.toFixed(0).padStart(13)} ms ${ours.ms.toFixed(0).padStart(6)} ms ${x(expanded.ms / ours.ms).padStart(17)} ${x(factored.ms / ours.ms).padStart(17)}`,
      );
      inProcess.push(
        `[${layers}]`.padEnd(13) +
          `${e.toFixed(0).padStart(6)} ms ${f.toFixed(0).padStart(7)} ms ${first.derive.toFixed(1).padStart(7)} ms ${first.read.toFixed(1).padStart(14)} ms ${x(e / first.read).padStart(17)} ${x(f / first.read).padStart(17)} ${x(f / first.derive).padStart(21)}`,
      );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  return [...processes, ...inProcess];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const l of benchSympy()) console.log(l);
