import { defineConfig } from "vitest/config";

// Under CI a JSON report is written too, from which .ci/run prints "N passed, N failed".
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ["default", ["json", { outputFile: "out/test-results.json" }]] : ["default"],
  },
});
