import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { startTestHall, type TestHall } from "../testing/testHall.ts";
import type { HallPage } from "./hallPage.ts";
import { mountPages } from "./mountPages.ts";
import express from "express";

const dirs: string[] = [];
let hall: TestHall | undefined;
afterEach(async () => {
  await hall?.close();
  hall = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const SCRIPT = `console.log(${JSON.stringify("排队".repeat(2000))});\n`;

/** A built-looking bundle (index.html + a hashed asset, as Vite writes them) in a fresh directory. */
function fixturePage(mountPath = "/t", built = true): HallPage {
  const dir = mkdtempSync(join(tmpdir(), "onewindow-pages-"));
  dirs.push(dir);
  const outDir = join(dir, "dist");
  if (built) {
    mkdirSync(join(outDir, "assets"), { recursive: true });
    writeFileSync(
      join(outDir, "index.html"),
      '<!doctype html><html><head><script type="module" src="./assets/index-Ab12Cd34.js"></script></head><body></body></html>',
    );
    writeFileSync(join(outDir, "assets", "index-Ab12Cd34.js"), SCRIPT);
  }
  return { name: "fixture", mountPath, bundle: { name: "fixture", root: dir, outDir, sources: [] } };
}

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** A raw GET (no automatic decompression, unlike fetch) with the given headers. */
function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

type ApiError = { error: { code: string } };
const BROWSER = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };

describe("serving a built page bundle", () => {
  it("when a browser opens a page route, then it gets index.html with a <base> for the path, no-cache and a strict CSP", async () => {
    const page = fixturePage();
    hall = await startTestHall({ pages: [page] });
    for (const path of ["/t/abcDEF123_-", "/t", "/t/deeper/route"]) {
      const res = await get(hall.url + path, BROWSER);
      expect(res.status, path).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      expect(res.headers["cache-control"]).toBe("no-cache");
      expect(res.body.toString()).toContain('<base href="/t/" />');
    }
    const res = await get(hall.url + "/t/abc", { ...BROWSER, host: "hall.example:8080" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' ws://hall.example:8080 wss://hall.example:8080");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("when a hashed asset is asked for, then it is immutable for a year and compressed as the browser accepts", async () => {
    hall = await startTestHall({ pages: [fixturePage()] });
    const url = hall.url + "/t/assets/index-Ab12Cd34.js";
    const br = await get(url, { "accept-encoding": "br, gzip" });
    expect(br.status).toBe(200);
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    expect(br.body.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 10);
    const gz = await get(url, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    const plain = await get(url, { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it("when an asset does not exist or the path climbs out of assets/, then 404 or 403, never a file or index.html", async () => {
    hall = await startTestHall({ pages: [fixturePage()] });
    for (const [path, status] of [
      ["/t/assets/index-XXXX.js", 404],
      ["/t/assets/../../../../etc/passwd", 404],
      ["/t/assets/%2e%2e%2findex.html", 403],
      ["/t/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json", 403],
    ] as const) {
      const res = await get(hall.url + path, BROWSER);
      expect(res.status, path).toBe(status);
      expect(res.body.toString()).not.toMatch(/<base|<html|"name"/);
    }
  });

  it("when the bundle is not built, then 503 with a page that names npm run build:pages; built later, it is served without a restart", async () => {
    const page = fixturePage("/t", false);
    hall = await startTestHall({ pages: [page] });
    const missing = await get(hall.url + "/t/sometoken", BROWSER);
    expect(missing.status).toBe(503);
    expect(missing.body.toString()).toContain("npm run build:pages");
    expect(missing.body.toString()).toContain("页面尚未构建");
    mkdirSync(join(page.bundle.outDir, "assets"), { recursive: true });
    writeFileSync(join(page.bundle.outDir, "index.html"), "<html><head></head><body>built</body></html>");
    const built = await get(hall.url + "/t/sometoken", BROWSER);
    expect(built.status).toBe(200);
    expect(built.body.toString()).toContain("built");
  });

  it("when pages are mounted, then /api, /ws and /health still answer as the API does", async () => {
    hall = await startTestHall({ pages: [fixturePage()] });
    const health = await get(hall.url + "/health", BROWSER);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body.toString())).toEqual({ ok: true });
    const api = await get(hall.url + "/api/public/tickets/nope-nope-nope", BROWSER);
    expect(api.status).toBe(404);
    expect((JSON.parse(api.body.toString()) as ApiError).error.code).toBe("not_found");
    // A path that merely starts like a page's is not the page's.
    const near = await get(hall.url + "/tx", BROWSER);
    expect(near.status).toBe(404);
    expect(near.headers["content-type"]).toMatch(/json/);
    // Only GET and HEAD are a page's: a POST under its path is the API's 404.
    const post = await hall.api<{ error: { code: string } }>("POST", "/t/abc", {});
    expect(post.status).toBe(404);
  });

  it("when a browser opens /, then the hall's front page lists its pages; an API client still gets the JSON 404", async () => {
    hall = await startTestHall({
      pages: [{ ...fixturePage("/kiosk"), title: { "zh-CN": "自助取号", en: "Take a ticket" } }, fixturePage("/t")],
    });
    const html = await get(hall.url + "/", BROWSER);
    expect(html.status).toBe(200);
    const text = html.body.toString();
    expect(text).toContain(hall.server.ctx.config.hallName);
    expect(text).toContain('<a href="/kiosk">自助取号</a>');
    expect(text).toContain('href="/api/docs"');
    expect(text).not.toContain('href="/t"');
    // It names no icon file, so a browser does not fetch /favicon.ico (a 404 in the console of every visit).
    expect(text).toContain('<link rel="icon" href="data:," />');
    const json = await get(hall.url + "/", { accept: "application/json" });
    expect(json.status).toBe(404);
    expect((JSON.parse(json.body.toString()) as ApiError).error.code).toBe("not_found");
  });

  it("when a page would be mounted over the API, at a malformed path or twice, then mounting refuses", () => {
    const app = express();
    const name = () => "hall";
    expect(() => mountPages(app, [fixturePage("/api")], name)).toThrow(/belongs to the hall's API/);
    expect(() => mountPages(app, [fixturePage("/ws")], name)).toThrow(/belongs to the hall's API/);
    expect(() => mountPages(app, [fixturePage("/")], name)).toThrow(/one segment/);
    expect(() => mountPages(app, [fixturePage("/a/b")], name)).toThrow(/one segment/);
    expect(() => mountPages(app, [fixturePage("/t"), fixturePage("/t")], name)).toThrow(/two pages/);
  });
});
