// Moved to src/oracle/differences.ts; kept importable from here.
export { type Method, type UsedMethod } from "../oracle/differences.js";
