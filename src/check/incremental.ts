// Moved to src/oracle/incremental.ts; kept importable from here.
export { incrementalPass, type Scratch } from "../oracle/incremental.js";
