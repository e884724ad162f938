// The simplification rules, in the order the driver tries them.
import type { SimplifyRule } from "./rule.js";
import { assumption } from "./rules/assumption.js";
import { commonFactor } from "./rules/common-factor.js";
import { distribute } from "./rules/distribute.js";
import { expand } from "./rules/expand.js";
import { negateSum } from "./rules/negate-sum.js";
import { sumFactor } from "./rules/sum-factor.js";
import { sumSift } from "./rules/sum-sift.js";
import { sumSplit } from "./rules/sum-split.js";

export const SIMPLIFY_RULES = [assumption, sumSift, sumFactor, sumSplit, distribute, expand, commonFactor, negateSum] as const satisfies readonly SimplifyRule[];
