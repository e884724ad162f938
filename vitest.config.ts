// Two groups of test files: everything, in parallel; then the packed-package test alone, since it
// packs, builds and installs the package (minutes of CPU on a busy machine) and would otherwise
// compete with the tests that time work of their own. Timeouts are generous bounds on a busy
// two-core machine, never the thing a test asserts.
import { defineConfig } from "vitest/config";

const PACKAGE = "test/package/**/*.test.ts";

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A temporary folder per test file, removed after it (test/setup.ts).
    setupFiles: ["test/setup.ts"],
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [PACKAGE], sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: "package", include: [PACKAGE], sequence: { groupOrder: 1 } } },
    ],
  },
});
