// The presets the playground offers come from the library's built-in copy of templates/networks/:
// every file there, by name, each a spec the library accepts.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSpec, presets } from "../../src/index.js";
import { TEMPLATE_DIR } from "../../src/cli/spec-input.js";

describe("presets()", () => {
  it("holds every spec of templates/networks/, parsed, by name", () => {
    const dir = join(TEMPLATE_DIR, "networks");
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(5);
    const all = presets();
    expect(Object.keys(all)).toEqual(files.map((f) => f.slice(0, -".json".length)));
    for (const f of files) {
      const name = f.slice(0, -".json".length);
      expect(all[name]).toEqual(JSON.parse(readFileSync(join(dir, f), "utf8")));
      expect(() => parseSpec(all[name])).not.toThrow();
    }
  });
});
