// Every test file in parallel, one worker per core (the packed-package test too: no test times
// work of its own or asserts on time, so a busy neighbour changes no verdict). Timeouts are
// generous bounds on a busy two-core machine, never the thing a test asserts.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A temporary folder per test file, removed after it (test/setup.ts).
    setupFiles: ["test/setup.ts"],
    include: ["test/**/*.test.ts"],
  },
});
