/**
 * Serve one built page bundle under its path:
 *
 *   <mountPath>/assets/<name>-<hash>.<ext>   the file, Cache-Control immutable for a year (Vite hashes the names)
 *   <mountPath>, <mountPath>/<anything else> index.html, Cache-Control no-cache (the page's own routes, e.g.
 *                                            /t/<token>), with <base href="<mountPath>/"> so the bundle's relative
 *                                            asset URLs resolve at any depth
 *   no bundle on disk                        503 and a plain page saying how to build it
 *
 * Compression (brotli or gzip, by Accept-Encoding) is the `compression` middleware's, in mountPages.ts. The bundle is
 * looked up on every request, so a build finished while the hall runs is served at once, without a restart.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { HallPage } from "./hallPage.ts";
import { setPageHeaders } from "./pageHeaders.ts";

export const IMMUTABLE = "public, max-age=31536000, immutable";
/** The command that builds every page (root package.json). */
export const BUILD_COMMAND = "npm run build:pages";

/** index.html with its <base> injected, re-read when the file changes (a rebuild). */
function indexReader(page: HallPage): () => string | undefined {
  const file = join(page.bundle.outDir, "index.html");
  let cached: { key: string; html: string } | undefined;
  return () => {
    let key: string;
    try {
      const s = statSync(file);
      key = `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch {
      return undefined;
    }
    if (cached?.key !== key) {
      const html = readFileSync(file, "utf8");
      cached = { key, html: html.replace(/<head>/i, `<head>\n    <base href="${page.mountPath}/" />`) };
    }
    return cached.html;
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The page answered when the bundle is not built (503): what is missing and the one command that builds it. */
export function missingBundlePage(page: HallPage): string {
  const name = escapeHtml(page.name);
  return `<!doctype html>
<html lang="zh-CN">
  <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>页面尚未构建 · Page not built</title></head>
  <body style="font: 18px/1.5 system-ui, sans-serif; margin: 2rem; color: #1a1a1a">
    <h1>页面尚未构建</h1>
    <p>此服务器上还没有 ${name} 页面的构建结果。请在 OneWindow 目录中运行 <code>${BUILD_COMMAND}</code>（<code>npm run demo</code> 会自动构建）。</p>
    <h1 lang="en">This page is not built</h1>
    <p lang="en">The ${name} page has no bundle on this server yet: run <code>${BUILD_COMMAND}</code> in the OneWindow
      directory (<code>npm run demo</code> builds it by itself).</p>
  </body>
</html>
`;
}

/** The router serving `page` (mount it at `page.mountPath`). GET and HEAD only; anything else falls through. */
export function pageRouter(page: HallPage): Router {
  const router = express.Router();
  const index = indexReader(page);
  const assets = express.static(join(page.bundle.outDir, "assets"), {
    index: false,
    redirect: false,
    fallthrough: false,
    dotfiles: "ignore",
    maxAge: 0,
    setHeaders: (res) => res.setHeader("Cache-Control", IMMUTABLE),
  });
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    setPageHeaders(res, page, req);
    if (req.path.startsWith("/assets/")) {
      req.url = req.url.slice("/assets".length);
      return assets(req, res, (error?: unknown) => {
        // serve-static's refusals: 404 for no such file, 403 for a path climbing out of assets/.
        const status = (error as { status?: number } | undefined)?.status ?? 404;
        res
          .status(status)
          .type("text/plain")
          .send(status === 404 ? "no such file" : status === 403 ? "forbidden path" : "bad request");
      });
    }
    const html = index();
    res.setHeader("Cache-Control", "no-cache");
    if (html === undefined) return res.status(503).type("html").send(missingBundlePage(page));
    res.status(200).type("html").send(html);
  });
  return router;
}
