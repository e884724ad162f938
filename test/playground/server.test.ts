// The playground's static server (scripts/playground.mjs serve): a malformed path is answered
// with 400 and the server stays up; nothing outside its folder is served, through a symlink
// neither; and only requests addressed to 127.0.0.1 or localhost are answered (a page of another
// site whose name its DNS rebinds to 127.0.0.1 gets 403). Requests are sent as raw bytes, so
// that the paths reach the server exactly as written.
import type { Server } from "node:http";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a build script in plain JavaScript, without declarations.
import { serve } from "../../scripts/playground.mjs";

interface Answer {
  readonly status: number;
  readonly body: string;
}

let server: Server;
let port = 0;

/** One request, as raw bytes; the status and body of the answer. */
function request(path: string, host: string | null = `127.0.0.1:${port}`, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let data = "";
    socket.on("data", (d) => (data += d));
    socket.on("error", reject);
    socket.on("close", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf("\r\n\r\n") + 4) });
    });
    socket.write(`${method} ${path} HTTP/1.1\r\n${host === null ? "" : `Host: ${host}\r\n`}Connection: close\r\n\r\n`);
  });
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "bpd-serve-"));
  const site = join(dir, "site");
  mkdirSync(join(site, "sub"), { recursive: true });
  writeFileSync(join(site, "index.html"), "the page");
  writeFileSync(join(site, "sub", "a.js"), "a script");
  writeFileSync(join(dir, "secret.txt"), "outside");
  mkdirSync(join(dir, "elsewhere"));
  writeFileSync(join(dir, "elsewhere", "b.txt"), "outside too");
  symlinkSync(join(dir, "secret.txt"), join(site, "link.txt"));
  symlinkSync(join(dir, "elsewhere"), join(site, "linked-dir"));
  symlinkSync(join(site, "sub", "a.js"), join(site, "inner-link.js"));
  server = (await serve(site, 0)) as Server;
  port = (server.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the playground's server", () => {
  it("serves the files of its folder", async () => {
    expect(await request("/")).toEqual({ status: 200, body: "the page" });
    expect(await request("/sub/a.js")).toEqual({ status: 200, body: "a script" });
    expect(await request("/", `localhost:${port}`)).toEqual({ status: 200, body: "the page" });
  });

  it.each(["/%E0%A4%A", "/%", "/%zz", "/sub/%E0%A4%A.js", "/%00", "/index.html%00.js"])(
    "answers the malformed path %s with 400 and stays up",
    async (path) => {
      expect((await request(path)).status).toBe(400);
      expect(await request("/")).toEqual({ status: 200, body: "the page" });
    },
  );

  it.each(["/../secret.txt", "/%2e%2e/secret.txt", "/sub/..%2f..%2fsecret.txt", "/link.txt", "/linked-dir/b.txt"])(
    "serves nothing outside its folder: %s",
    async (path) => {
      const r = await request(path);
      expect(r.status).toBe(404);
      expect(r.body).not.toMatch(/outside/);
    },
  );

  it("follows a link that stays inside its folder", async () => {
    expect(await request("/inner-link.js")).toEqual({ status: 200, body: "a script" });
  });

  it.each([["evil.example"], ["evil.example:80"], ["127.0.0.1.evil.example"], ["localhost.evil.example"], [null]])(
    "refuses the Host %s (DNS rebinding; none at all is a bad request)",
    async (host) => {
      const r = await request("/", host);
      expect(r.status).toBe(host === null ? 400 : 403);
      expect(r.body).not.toMatch(/the page/);
    },
  );

  it("answers a request that is not HTTP at all with 400, and then the next one", async () => {
    const r = await new Promise<string>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      let data = "";
      socket.on("data", (d) => (data += d));
      socket.on("close", () => resolve(data));
      socket.write("\u0000\u0001 garbage\r\n\r\n");
    });
    expect(r).toMatch(/^HTTP\/1\.1 400/);
    expect(await request("/")).toEqual({ status: 200, body: "the page" });
  });
});
