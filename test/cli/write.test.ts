// Writes are atomic and clean (issue 13): temporary files are created exclusively in the target
// directory and never follow a symlink, are removed on a write failure and on SIGINT, stale ones
// are swept, and anything in the way is refused before a byte is written. The write failure and
// the interruption run the command line as a child process (through tsx), with a generous budget.
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  utimesSync,
  watch,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { abandon, makeDir, sweep, TEMP_SUFFIX, writeExclusive } from "../../src/cli/write.js";
import { Outputs, writeAll } from "../../src/cli/outputs.js";
import { ROOT } from "../render/helpers.js";
import { snapshot, tempDir } from "./helpers.js";

const FILES = [
  { name: "derivation.md", content: "# new\n" },
  { name: "katex/fonts/a.woff2", content: new Uint8Array([1, 2, 3]) },
];

function* failingChunks(): Generator<string> {
  yield "partial";
  throw new Error("a bug while writing the pieces");
}

/** Every temporary file under `dir`, at any depth. */
const temps = (dir: string): string[] =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(TEMP_SUFFIX));

async function refused(out: string, files = FILES): Promise<string> {
  try {
    await writeAll(out, files);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("written without error");
}

describe("writeAll", () => {
  it("writes a text in pieces as a stream, and a failure while making the pieces leaves nothing behind and is not reported as a write failure", async () => {
    const out = tempDir();
    writeFileSync(join(out, "derivation.json"), "earlier");
    const before = snapshot(out);
    const pieces = Array.from({ length: 300 }, (_, i) => `${"x".repeat(9_999)}${i % 10}`);
    await writeAll(out, [{ name: "derivation.json", content: { chunks: () => pieces } }]);
    expect(readFileSync(join(out, "derivation.json"), "utf8")).toBe(pieces.join(""));
    writeFileSync(join(out, "derivation.json"), "earlier");
    function* failing(): Generator<string> {
      yield "a".repeat(100_000);
      throw new Error("a bug while writing the pieces");
    }
    await expect(writeAll(out, [FILES[0]!, { name: "derivation.json", content: { chunks: failing } }])).rejects.toThrow(
      /^a bug while writing the pieces$/,
    );
    expect(snapshot(out)).toEqual(before);
    expect(temps(out)).toEqual([]);
  });

  it("replaces a planted symlink instead of writing through it", async () => {
    const dir = tempDir();
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "do not touch");
    const out = join(dir, "out");
    mkdirSync(out);
    symlinkSync(victim, join(out, "derivation.md"));
    await writeAll(out, FILES);
    expect(readFileSync(victim, "utf8")).toBe("do not touch");
    expect(lstatSync(join(out, "derivation.md")).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(out, "derivation.md"), "utf8")).toBe("# new\n");
    expect(temps(out)).toEqual([]);
  });

  it("creates a temporary file exclusively: a planted symlink or file of its name makes it fail, untouched", async () => {
    const dir = tempDir();
    const victim = join(dir, "victim.txt");
    writeFileSync(victim, "do not touch");
    const link = join(dir, `.derivation.md.${process.pid}.0123456789ab${TEMP_SUFFIX}`);
    symlinkSync(victim, link);
    await expect(writeExclusive(link, "overwritten?")).rejects.toThrow(/EEXIST/);
    const dangling = join(dir, "dangling");
    symlinkSync(join(dir, "nowhere"), dangling);
    await expect(writeExclusive(dangling, "created through a link?")).rejects.toThrow(/EEXIST/);
    expect(existsSync(join(dir, "nowhere"))).toBe(false);
    expect(readFileSync(victim, "utf8")).toBe("do not touch");
    abandon();
  });

  it("refuses a symlink where a directory goes, so that nothing is written outside --out", async () => {
    const dir = tempDir();
    const elsewhere = join(dir, "elsewhere");
    mkdirSync(elsewhere);
    const out = join(dir, "out");
    mkdirSync(out);
    symlinkSync(elsewhere, join(out, "katex"));
    expect(await refused(out)).toMatch(/--out: a symlink is in the way: .*katex/);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(readdirSync(out)).toEqual(["katex"]);
  });

  it("refuses a directory where a file goes, and a file where a directory goes, changing nothing", async () => {
    const out = tempDir();
    writeFileSync(join(out, "derivation.tex"), "earlier");
    mkdirSync(join(out, "derivation.md"));
    const before = snapshot(out);
    expect(await refused(out)).toMatch(/--out: a directory is in the way: .*derivation\.md/);
    expect(snapshot(out)).toEqual(before);
    const other = tempDir();
    writeFileSync(join(other, "katex"), "a file");
    const was = snapshot(other);
    expect(await refused(other)).toMatch(/--out: a file is in the way: .*katex must be a directory/);
    expect(snapshot(other)).toEqual(was);
  });

  it("sweeps stale temporary files (their process is gone, or a day old), and only those", async () => {
    const out = tempDir();
    const dead = join(out, `.derivation.md.999999999.0123456789ab${TEMP_SUFFIX}`);
    const old = join(out, `.derivation.tex.${process.pid}.0123456789ab${TEMP_SUFFIX}`);
    const live = join(out, `.derivation.json.${process.pid}.ba9876543210${TEMP_SUFFIX}`);
    const victim = join(tempDir(), "victim");
    writeFileSync(victim, "keep");
    const link = join(out, `.network.svg.999999999.aaaaaaaaaaaa${TEMP_SUFFIX}`);
    for (const f of [dead, old, live]) writeFileSync(f, "partial");
    symlinkSync(victim, link);
    utimesSync(old, new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 2 * 86_400_000));
    expect(sweep(out).sort()).toEqual([dead, link, old].map((p) => p.slice(out.length + 1)).sort());
    expect(existsSync(live)).toBe(true);
    expect(readFileSync(victim, "utf8")).toBe("keep");
  });

  it("a failed rename puts back the ones renamed before it: the previous outputs stay as they were", async () => {
    const out = tempDir();
    writeFileSync(join(out, "derivation.md"), "earlier md");
    mkdirSync(join(out, "katex"));
    writeFileSync(join(out, "katex", "katex.css"), "earlier css");
    const before = snapshot(out);
    const files = [
      { name: "derivation.md", content: "new md" },
      { name: "network.svg", content: "new svg" },
      { name: "katex/katex.css", content: "new css" },
      { name: "katex/fonts/a.woff2", content: "new font" },
    ];
    // The file system refuses to rename the temporary file onto the fourth target.
    const rename = (from: string, to: string): void => {
      if (to.endsWith("a.woff2") && from.endsWith(TEMP_SUFFIX)) throw Object.assign(new Error("EPERM"), { code: "EPERM" });
      renameSync(from, to);
    };
    await expect(writeAll(out, files, { rename })).rejects.toThrow(/^--out: cannot replace .*a\.woff2 \(EPERM\); nothing was changed$/);
    expect(snapshot(out)).toEqual(before);
    expect(temps(out)).toEqual([]);
  });

  it("a failed rename that cannot be put back says which files are new and where the previous ones are", async () => {
    const out = tempDir();
    writeFileSync(join(out, "derivation.md"), "earlier md");
    let failing = false;
    const rename = (from: string, to: string): void => {
      // The second target's rename fails, and so does putting back the first.
      if (to.endsWith("network.svg") || failing) {
        failing = true;
        throw Object.assign(new Error("EIO"), { code: "EIO" });
      }
      renameSync(from, to);
    };
    const files = [
      { name: "derivation.md", content: "new md" },
      { name: "network.svg", content: "new svg" },
    ];
    const message = await writeAll(out, files, { rename }).then(
      () => "written",
      (e: Error) => e.message,
    );
    expect(message).toMatch(
      /^--out: cannot replace .*network\.svg \(EIO\); 1 new file could not be taken back: .*derivation\.md \(EIO; the previous one is kept beside it as \.derivation\.md\.\d+\.[0-9a-f]{12}\.bpd-tmp\)$/,
    );
    const kept = temps(out);
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(out, kept[0]!), "utf8")).toBe("earlier md");
    expect(readFileSync(join(out, "derivation.md"), "utf8")).toBe("new md");
  });

  it("a directory that appears at a target after the checks fails that rename, and the rest is put back", async () => {
    const out = tempDir();
    writeFileSync(join(out, "derivation.md"), "earlier md");
    const outputs = new Outputs(out, {
      // When both are written, someone makes a directory where the second goes.
      progress: (done) => (done === 2 ? mkdirSync(join(out, "network.svg")) : undefined),
    });
    await outputs.stage([
      { name: "derivation.md", content: "new md" },
      { name: "network.svg", content: "new svg" },
    ]);
    expect(() => outputs.commit()).toThrow(/^--out: cannot replace .*network\.svg \(EISDIR\); nothing was changed$/);
    outputs.close();
    expect(readFileSync(join(out, "derivation.md"), "utf8")).toBe("earlier md");
    expect(temps(out)).toEqual([]);
  });

  it("the outputs of several stages are renamed together, or not at all when a later stage fails", async () => {
    const out = tempDir();
    const outputs = new Outputs(out);
    await outputs.stage([{ name: "a/derivation.md", content: "a" }]);
    expect(existsSync(join(out, "a", "derivation.md"))).toBe(false);
    await expect(outputs.stage([{ name: "b/derivation.md", content: { chunks: failingChunks } }])).rejects.toThrow(/a bug/);
    outputs.close();
    expect(readdirSync(out)).toEqual([]);
    const again = new Outputs(out);
    await again.stage([{ name: "a/derivation.md", content: "a" }]);
    await again.stage([{ name: "b/derivation.md", content: "b" }]);
    expect(again.commit().map((p) => p.slice(out.length + 1))).toEqual(["a/derivation.md", "b/derivation.md"]);
    again.close();
    expect(readFileSync(join(out, "b", "derivation.md"), "utf8")).toBe("b");
    expect(temps(out)).toEqual([]);
  });

  it("cannot create an output directory in /proc: exit 2 at once, not a spin", () => {
    if (!existsSync("/proc/self")) return;
    expect(() => makeDir("/proc/x/y")).toThrow(/--out: cannot create \/proc\/x\/y/);
  });
});

// The command line as a process: node with tsx's loader in the same process (tsx's own command
// would run it in a child of its own and answer signals itself), with a budget far above its run time.
const BUDGET_MS = 120_000;
const TSX = ["--import", "tsx", join(ROOT, "src", "cli", "run.ts")];

describe("the command line as a process", { timeout: BUDGET_MS }, () => {
  it("a write failure (file size limit: EFBIG) leaves nothing behind and the previous outputs as they were", () => {
    const out = tempDir();
    writeFileSync(join(out, "derivation.html"), "earlier");
    const before = snapshot(out);
    // ulimit -f counts 1024-byte blocks: the fonts and the page exceed 64 KB, the first files do not.
    const r = spawnSync(
      "bash",
      ["-c", `ulimit -f 64; exec "${process.execPath}" "$@"`, "bash", ...TSX, "derive", "--format", "tex,html", "--no-check", "--out", out],
      {
        encoding: "utf8",
        timeout: BUDGET_MS,
        env: { ...process.env, NODE_OPTIONS: "" },
      },
    );
    expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(/--out: cannot write .* \(EFBIG: file too large for this system\); nothing was changed/);
    expect(r.status).toBe(2);
    expect(snapshot(out)).toEqual(before);
  });

  it("SIGINT while writing removes the temporary files and leaves the previous outputs", async () => {
    let interrupted = 0;
    // The signal must land in the write phase: sent when the first temporary file appears, and
    // tried again (at most 5 times) if the writes were already done by then.
    for (let attempt = 0; attempt < 5 && interrupted === 0; attempt++) {
      const out = tempDir();
      writeFileSync(join(out, "derivation.tex"), "earlier");
      mkdirSync(join(out, "katex", "fonts"), { recursive: true });
      const before = snapshot(out);
      const child = spawn(process.execPath, [...TSX, "derive", "--no-check", "--out", out], {
        env: { ...process.env, NODE_OPTIONS: "" },
        stdio: "ignore",
      });
      const watchers = [out, join(out, "katex"), join(out, "katex", "fonts")].map((d) =>
        watch(d, (_, name) => {
          if (String(name).endsWith(TEMP_SUFFIX)) child.kill("SIGINT");
        }),
      );
      const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
        child.on("close", (c, sig) => resolve([c, sig])),
      );
      for (const w of watchers) w.close();
      expect(temps(out)).toEqual([]);
      if (code === 130) {
        interrupted++;
        expect(snapshot(out)).toEqual(before);
      } else if (code === null) {
        // The signal came after the writes, when the command no longer handles it: every output
        // had been renamed into place by then.
        expect(signal).toBe("SIGINT");
        expect(readFileSync(join(out, "derivation.tex"), "utf8")).not.toBe("earlier");
      } else expect(code).toBe(0);
    }
    expect(interrupted).toBeGreaterThan(0);
  });

  it("several specs: a write failure in the second (EFBIG) leaves the first one's outputs unwritten too", () => {
    const dir = tempDir();
    const a = join(dir, "a.json");
    const b = join(dir, "b.json");
    writeFileSync(a, JSON.stringify({ layers: [1, 1] }));
    // Its Markdown is larger than 12 KB, the first one's files smaller.
    writeFileSync(b, JSON.stringify({ layers: [8, 8, 8, 8] }));
    const out = join(dir, "out");
    mkdirSync(join(out, "a"), { recursive: true });
    writeFileSync(join(out, "a", "derivation.md"), "earlier");
    const before = snapshot(out);
    const r = spawnSync(
      "bash",
      [
        "-c",
        `ulimit -f 12; exec "${process.execPath}" "$@"`,
        "bash",
        ...TSX,
        "derive",
        a,
        b,
        "--format",
        "md",
        "--no-check",
        "--example",
        "none",
        "--out",
        out,
      ],
      { encoding: "utf8", timeout: BUDGET_MS, env: { ...process.env, NODE_OPTIONS: "" } },
    );
    expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(/--out: cannot write .*b\/derivation\.md.* \(EFBIG: file too large for this system\); nothing was changed/);
    expect(r.status).toBe(2);
    expect(snapshot(out)).toEqual(before);
  });

  it("several specs: a rename that fails in the second (an immutable file) puts back the first one's outputs", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    mkdirSync(join(out, "seed"), { recursive: true });
    mkdirSync(join(out, "sigmoid-mse"), { recursive: true });
    writeFileSync(join(out, "seed", "derivation.md"), "earlier seed");
    const locked = join(out, "sigmoid-mse", "network.svg");
    writeFileSync(locked, "earlier svg");
    if (spawnSync("chattr", ["+i", locked]).status !== 0) {
      if (process.env.CI && process.getuid?.() === 0) throw new Error("chattr +i failed as root under CI");
      console.warn("SKIPPED: chattr +i needs root and a file system that supports it; the injected rename failures above cover this");
      return;
    }
    try {
      const before = snapshot(out);
      const r = spawnSync(process.execPath, [...TSX, "derive", "seed", "sigmoid-mse", "--format", "md", "--no-check", "--out", out], {
        encoding: "utf8",
        timeout: BUDGET_MS,
        env: { ...process.env, NODE_OPTIONS: "" },
      });
      expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/--out: cannot replace .*sigmoid-mse\/network\.svg \(EPERM\); nothing was changed/);
      expect(r.status).toBe(2);
      expect(snapshot(out)).toEqual(before);
      expect(temps(out)).toEqual([]);
    } finally {
      spawnSync("chattr", ["-i", locked]);
    }
  });

  it("--out - into a full device (/dev/full): one line and exit 1, not a stack trace", () => {
    if (!existsSync("/dev/full")) {
      console.warn("SKIPPED: no /dev/full on this system");
      return;
    }
    const r = spawnSync(
      "bash",
      ["-c", `exec "${process.execPath}" "$@" > /dev/full`, "bash", ...TSX, "derive", "--format", "md", "--no-check", "--out", "-", "-q"],
      {
        encoding: "utf8",
        timeout: BUDGET_MS,
        env: { ...process.env, NODE_OPTIONS: "" },
      },
    );
    expect(r.stderr.trim().split("\n"), r.stderr).toEqual([
      "backprop-derive: standard output: cannot write (ENOSPC: no space left on the device)",
    ]);
    expect(r.status).toBe(1);
  });

  it("a full disk (a 200 KB tmpfs, where one can be mounted) leaves nothing behind", () => {
    const dir = tempDir();
    const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=200k", "tmpfs", dir], { encoding: "utf8" }).status === 0;
    if (!mounted) {
      console.warn("SKIPPED: cannot mount a tmpfs here; the injected write failure above covers a failing write");
      return;
    }
    try {
      const r = spawnSync(process.execPath, [...TSX, "derive", "--no-check", "--out", dir], {
        encoding: "utf8",
        timeout: BUDGET_MS,
        env: { ...process.env, NODE_OPTIONS: "" },
      });
      expect(r.stderr).toMatch(/--out: cannot write .* \(ENOSPC: no space left on the device\); nothing was changed/);
      expect(r.status).toBe(2);
      expect(readdirSync(dir, { recursive: true })).toEqual([]);
    } finally {
      spawnSync("umount", [dir]);
    }
  });
});
