// Moved to src/oracle/forward.ts; kept importable from here.
export { forwardPass, lossOf, kinkSignature, type ForwardPass, type Override } from "../oracle/forward.js";
