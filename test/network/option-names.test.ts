// A validator written by hand lists its options' names through optionNames, which the compiler
// checks against the options' type: a name left out, or one the type does not have, does not
// compile; and checkOptionNames refuses an unknown option with that list.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { checkOptionNames, optionNames } from "../../src/network/options.js";

interface Options {
  readonly seed?: number;
  readonly points?: number;
}

describe("option names", () => {
  it("are exactly the options' keys (the compiler's check), and refuse any other", () => {
    const names = optionNames<Options>()(["seed", "points"]);
    // @ts-expect-error: "points" is left out.
    optionNames<Options>()(["seed"]);
    // @ts-expect-error: "digits" is not an option.
    optionNames<Options>()(["seed", "points", "digits"]);
    expect(() => checkOptionNames({ seed: 1 }, names)).not.toThrow();
    expect(() => checkOptionNames({ seed: 1, digits: 2 }, names)).toThrow(InputError);
    expect(() => checkOptionNames({ digits: 2 }, names)).toThrow("options.digits: unknown option; allowed: seed, points");
    expect(() => checkOptionNames(3, names)).toThrow("options: must be an object");
  });
});
