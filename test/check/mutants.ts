// The mutation operators live in src/check/mutants.ts (spot-the-error exercises use them too).
export * from "../../src/check/mutants.js";
