// What a web page that uses the library ships: a minified browser bundle (esbuild) of the
// imports of the README's Library example, raw and gzipped. The test of its size is in
// test/package/bundle.test.ts; here, the figure.
import { gzipSync } from "node:zlib";
// @ts-expect-error: a build script in plain JavaScript, without declarations.
import { bundleImports } from "../scripts/browser-bundle.mjs";

export const PAGE_IMPORTS = ["derive", "buildNetwork", "parseSpec", "toLatex"];

export async function benchBundle(): Promise<string[]> {
  const { text, bytes } = (await bundleImports(PAGE_IMPORTS)) as { text: string; bytes: number };
  const gzip = gzipSync(text).length;
  return [
    `import { ${PAGE_IMPORTS.join(", ")} }: ${(bytes / 1024).toFixed(0)} KB minified, ${(gzip / 1024).toFixed(0)} KB gzipped (target: under 400 KB minified)`,
  ];
}
