// The rules' labels (rules/equation.ts) are messages: the compiler checks that every key a rule may
// give is one the message tables have, so that a step's label always has its text.
import { RULE_LABELS, type RuleId } from "../rules/equation.js";
import type { MessageKey } from "./messages/en.js";

/** Each rule's labels, as the message keys they are. */
export const RULE_MESSAGES: Readonly<Record<RuleId, readonly MessageKey[]>> = RULE_LABELS;
