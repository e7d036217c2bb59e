/**
 * Mount the hall's pages on the app, before the API: each at its own path (never /api, /ws or /health), compressed
 * (brotli or gzip, by the `compression` middleware), and the hall's front page at "/" for a browser.
 */
import compression from "compression";
import type { Express, Request, Response, NextFunction } from "express";
import { hallIndexPage } from "./hallIndex.ts";
import { mountPathProblem, type HallPage } from "./hallPage.ts";
import { setPageHeaders } from "./pageHeaders.ts";
import { pageRouter } from "./servePage.ts";

/**
 * Mount `pages` and the front page of hall `hallName` on `app`. Throws when a page's path is malformed or reserved
 * for the API, or two pages share a path (a programming error: the list is hallPages.ts).
 */
export function mountPages(app: Express, pages: readonly HallPage[], hallName: () => string): void {
  const seen = new Set<string>();
  for (const page of pages) {
    const problem = mountPathProblem(page.mountPath);
    if (problem) throw new Error(`page ${page.name}: ${problem}`);
    if (seen.has(page.mountPath)) throw new Error(`two pages are mounted at ${page.mountPath}`);
    seen.add(page.mountPath);
  }
  const compress = compression();
  for (const page of pages) app.use(page.mountPath, compress, pageRouter(page));
  app.get("/", compress, (req: Request, res: Response, next: NextFunction) => {
    // An API client (JSON, or no preference) keeps the API's 404; a browser asks for HTML first.
    if (req.accepts(["json", "html"]) !== "html") return next();
    setPageHeaders(res, {}, req);
    res.setHeader("Cache-Control", "no-cache");
    res.status(200).type("html").send(hallIndexPage(hallName(), pages));
  });
}
