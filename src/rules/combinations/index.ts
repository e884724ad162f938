// The combination rules by id (combination.ts): an explicit table, checked by the compiler to have one per kind.
import { average } from "./average.js";
import type { Combination, CombinationRule } from "./combination.js";
import { max } from "./max.js";
import { weighted } from "./weighted.js";

export const COMBINATION_RULES = { weighted, average, max } as const satisfies Record<Combination, CombinationRule>;
