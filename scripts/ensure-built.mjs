#!/usr/bin/env node
// Builds the package (npm run build) unless dist/ is newer than every file it is made from, so
// that `npm start` runs the compiled command at once after `npm install`, and still picks up an
// edit of src/ or templates/.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stamp = join(root, "dist", "index.js");

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === "generated") continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(join(root, "src")), newest(join(root, "templates")), statSync(join(root, "package.json")).mtimeMs);
if (
  !existsSync(stamp) ||
  statSync(stamp).mtimeMs < sources ||
  !existsSync(join(root, "schema", "spec.schema.json")) ||
  !existsSync(join(root, "dist", "bin", "run.js"))
) {
  execFileSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
}
