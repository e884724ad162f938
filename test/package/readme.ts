// The README's sections and its Library example, as the tests read them.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../render/helpers.js";

const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** The text of the section under `## title`, up to the next `## `. */
export function readmeSection(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README has no section ${title}`);
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The Library section's example, exactly as printed. */
export function libraryExample(): string {
  const m = /```ts\n([\s\S]*?)```/.exec(readmeSection("Library"));
  if (m === null) throw new Error("README's Library section has no ts example");
  return m[1]!;
}
