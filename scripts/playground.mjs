#!/usr/bin/env node
// The playground: one HTML file, dist/playground/index.html, that holds its own script (the
// library and the page, bundled by esbuild with the options of browser-bundle.mjs) and styles.
// One file because a page opened from file:// may neither import a module file nor start a
// worker from a file: the page starts its worker from its own script's text instead.
//   node scripts/playground.mjs build [--out DIR]   build (always)
//   node scripts/playground.mjs serve [--port N]    build if anything it is made from is newer, then serve it
// The server is a small static one of ours, on 127.0.0.1 only: it answers only requests whose Host
// is 127.0.0.1 or localhost (a DNS-rebinding page is refused), serves only files inside its folder
// (links resolved, and refused when they lead out), and answers a malformed path with 400.
import { build } from "esbuild";
import { createServer } from "node:http";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { browserOptions, ROOT } from "./browser-bundle.mjs";

const SOURCE = join(ROOT, "playground");
export const DEFAULT_OUT = join(ROOT, "dist", "playground");

/** Builds the page into `out`/index.html; returns its size and the script's. */
export async function buildPlayground(out = DEFAULT_OUT, { minify = true } = {}) {
  const result = await build({
    ...browserOptions(join(SOURCE, "main.ts"), "playground.js", { globalName: "backpropPlayground", minify }),
    write: false,
    outfile: join(out, "playground.js"),
  });
  const script = result.outputFiles.find((f) => f.path.endsWith(".js")).text;
  const css = readFileSync(join(SOURCE, "style.css"), "utf8");
  const shell = readFileSync(join(SOURCE, "index.html"), "utf8");
  // Function replacements: a "$&" or "$'" inside the script must stay as it is.
  const page = shell.replace("/*STYLE*/", () => css).replace("/*SCRIPT*/", () => script);
  if (page.includes("/*STYLE*/") || page.includes("/*SCRIPT*/")) throw new Error("playground/index.html: a placeholder appears twice");
  mkdirSync(out, { recursive: true });
  // Written whole, then renamed: a reader never sees half a page.
  const tmp = join(out, `.index.html.${process.pid}.tmp`);
  writeFileSync(tmp, page);
  renameSync(tmp, join(out, "index.html"));
  return { page: Buffer.byteLength(page), script: Buffer.byteLength(script), metafile: result.metafile };
}

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Whether the built page is older than anything it is made from (generated modules included). */
export function stale(out = DEFAULT_OUT) {
  const page = join(out, "index.html");
  if (!existsSync(page)) return true;
  const sources = Math.max(
    newest(SOURCE),
    newest(join(ROOT, "src")),
    newest(join(ROOT, "templates")),
    statSync(join(ROOT, "package.json")).mtimeMs,
  );
  return statSync(page).mtimeMs < sources;
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
};

/** Host names the server answers to: a page of another site, rebound to 127.0.0.1 by its DNS, is refused. */
const HOSTS = new Set(["127.0.0.1", "localhost"]);

/** The host name of a Host header (a port after it dropped); undefined when there is none. */
function hostName(header) {
  if (typeof header !== "string") return undefined;
  const m = /^([^:]*)(?::\d{1,5})?$/.exec(header.trim().toLowerCase());
  return m === null ? undefined : m[1];
}

/** The file under `root` (a real path) that a request path names, or a status to answer instead. */
function fileOf(root, url) {
  let path;
  try {
    path = decodeURIComponent(new URL(url ?? "/", "http://localhost").pathname);
  } catch {
    return 400;
  }
  if (path.includes("\0")) return 400;
  const file = resolve(root, `.${path.endsWith("/") ? `${path}index.html` : path}`);
  // Nothing outside the folder, whatever the path says, and no link leading out of it either.
  const inside = (p) => p === root || p.startsWith(`${root}${sep}`);
  if (!inside(file)) return 404;
  let real;
  try {
    real = realpathSync(file);
  } catch {
    return 404;
  }
  if (!inside(real) || !statSync(real).isFile()) return 404;
  return real;
}

const STATUS_TEXT = {
  400: "bad request\n",
  403: "forbidden: this server answers only to 127.0.0.1 and localhost\n",
  404: "not found\n",
  500: "server error\n",
};

/** Serves `dir` on 127.0.0.1:`port`; resolves to the server once it listens. */
export function serve(dir, port) {
  const root = realpathSync(resolve(dir));
  const server = createServer((req, res) => {
    const answer = (status) =>
      res
        .writeHead(status, { "content-type": "text/plain", "content-length": Buffer.byteLength(STATUS_TEXT[status]) })
        .end(STATUS_TEXT[status]);
    try {
      if (!HOSTS.has(hostName(req.headers.host))) return answer(403);
      const file = fileOf(root, req.url);
      if (typeof file === "number") return answer(file);
      if (req.method !== "GET" && req.method !== "HEAD") return answer(404);
      const body = req.method === "HEAD" ? undefined : readFileSync(file);
      const type = TYPES[file.slice(file.lastIndexOf("."))] ?? "application/octet-stream";
      res.writeHead(200, { "content-type": type, "cache-control": "no-cache", "content-length": statSync(file).size });
      res.end(body);
    } catch {
      // Whatever one request does, the server answers it and stays up.
      if (!res.headersSent) answer(500);
      else res.destroy();
    }
  });
  // A malformed request (not even HTTP) closes its own connection only.
  server.on("clientError", (_e, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n");
    else socket.destroy();
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ok(server));
  });
}

function flag(args, name, fallback) {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  if (v === undefined || v.startsWith("--")) {
    console.error(`${name}: needs a value`);
    process.exit(2);
  }
  return v;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [command = "build", ...args] = process.argv.slice(2);
  const known = { build: ["--out"], serve: ["--out", "--port"] };
  if (!Object.hasOwn(known, command) || args.some((a, i) => a.startsWith("--") && !known[command].includes(a) && i % 2 === 0)) {
    console.error("usage: node scripts/playground.mjs build [--out DIR] | serve [--out DIR] [--port N]");
    process.exit(2);
  }
  const out = resolve(flag(args, "--out", DEFAULT_OUT));
  const port = Number(flag(args, "--port", "8321"));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error("--port: must be a whole number from 0 to 65535");
    process.exit(2);
  }
  try {
    if (command === "build" || stale(out)) {
      const { page } = await buildPlayground(out);
      console.log(`built ${join(out, "index.html")} (${(page / 1e6).toFixed(2)} MB)`);
    }
  } catch (e) {
    for (const m of e.errors ?? [{ text: String(e?.message ?? e) }])
      console.error(m.location ? `${m.location.file}:${m.location.line}: ${m.text}` : m.text);
    process.exit(1);
  }
  if (command === "serve") {
    try {
      const server = await serve(out, port);
      console.log(
        `the playground: http://127.0.0.1:${server.address().port}/ (also works opened from ${join(out, "index.html")}); Ctrl-C stops`,
      );
    } catch (e) {
      console.error(`--port: cannot listen on 127.0.0.1:${port}: ${e.code ?? e.message}; give another with --port`);
      process.exit(2);
    }
  }
}
