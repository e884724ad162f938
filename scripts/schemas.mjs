#!/usr/bin/env node
// Writes the JSON Schemas of the spec and the params, from the zod schemas that validate them
// (src/network/schema.ts, compiled to dist/), to schema/: shipped in the package, never committed.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { schemaJson } = await import(join(root, "dist", "network", "schema.js"));
mkdirSync(join(root, "schema"), { recursive: true });
// Draft 2020-12 (the current one), and draft-07 for validators and editors that read only that.
for (const which of ["spec", "params"]) {
  writeFileSync(join(root, "schema", `${which}.schema.json`), `${JSON.stringify(schemaJson(which), null, 2)}\n`);
  writeFileSync(join(root, "schema", `${which}.draft-07.schema.json`), `${JSON.stringify(schemaJson(which, "draft-7"), null, 2)}\n`);
}
