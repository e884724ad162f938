// Moved to src/oracle/differences.ts; kept importable from here.
export type { Method, UsedMethod } from "../oracle/differences.js";
