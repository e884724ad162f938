// Every test file in parallel, one worker per core (the packed-package test too: no test times
// work of its own or asserts on time, so a busy neighbour changes no verdict). Timeouts are
// generous bounds on a busy two-core machine, never the thing a test asserts.
// maxWorkers is set because vitest's own default for a run is one core fewer than the machine
// has: on two cores, one worker, and the suite ran its files one after another.
// The files a worker runs share its loaded modules (isolate: false): each source module is
// loaded once per worker instead of once per file, about a quarter of the suite's processor
// time. No file leaves state that another reads: the commands run in process return their exit
// code rather than setting process.exitCode, test/setup.ts restores TMPDIR after each file, and
// the file that replaces a module with vi.mock runs isolated.
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

const MOCKING = ["test/check/exit-code.test.ts"];

export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A temporary folder per test file, removed after it (test/setup.ts).
    setupFiles: ["test/setup.ts"],
    projects: [
      {
        extends: true,
        // One folder and one Chromium for the run (test/global-setup.ts).
        test: { name: "shared", include: ["test/**/*.test.ts"], exclude: MOCKING, isolate: false, globalSetup: ["test/global-setup.ts"] },
      },
      { extends: true, test: { name: "isolated", include: MOCKING, isolate: true } },
    ],
  },
});
