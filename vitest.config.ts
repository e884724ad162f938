// Two groups of test files: everything, in parallel; then the packed-package test alone, since it
// packs, builds and installs the package (minutes of CPU on a busy machine) and would otherwise
// compete with the tests that time work of their own.
import { defineConfig } from "vitest/config";

const PACKAGE = "test/package/**/*.test.ts";

export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [PACKAGE], sequence: { groupOrder: 0 } } },
      { test: { name: "package", include: [PACKAGE], sequence: { groupOrder: 1 } } },
    ],
  },
});
