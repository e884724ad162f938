// Every test file in parallel, one worker per core (the packed-package test too: no test times
// work of its own or asserts on time, so a busy neighbour changes no verdict). Timeouts are
// generous bounds on a busy two-core machine, never the thing a test asserts.
// maxWorkers is set because vitest's own default for a run is one core fewer than the machine
// has: on two cores, one worker, and the suite ran its files one after another.
import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A temporary folder per test file, removed after it (test/setup.ts).
    setupFiles: ["test/setup.ts"],
    include: ["test/**/*.test.ts"],
  },
});
