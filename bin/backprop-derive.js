#!/usr/bin/env node
// The package's command: the compiled command line (npm's install, or `npm run build`, compiles
// src/ to dist/).
await import("../dist/cli/run.js");
