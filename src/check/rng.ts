// Moved to src/oracle/rng.ts; kept importable from here.
export { rng, uniform, type Rng } from "../oracle/rng.js";
