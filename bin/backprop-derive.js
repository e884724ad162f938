#!/usr/bin/env node
// The package's command: the compiled command line, bundled (npm's install, or `npm run build`,
// compiles src/ to dist/ and bundles dist/cli/run.js to dist/bin/run.js).
await import("../dist/bin/run.js");
