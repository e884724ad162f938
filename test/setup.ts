// Each test file gets a temporary folder of its own, removed after the file: os.tmpdir() (and
// with it every mkdtemp of the tests, of the commands they run in process, and of their child
// processes, which inherit TMPDIR) points into it while the file runs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const outer = tmpdir();
const dir = mkdtempSync(join(outer, "bpd-test-"));
process.env.TMPDIR = dir;

afterAll(() => {
  process.env.TMPDIR = outer;
  rmSync(dir, { recursive: true, force: true });
});
