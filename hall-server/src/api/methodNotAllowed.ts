/**
 * 405 for a path the route table has, called with a method it has not: the methods come from the table (every route
 * whose path pattern matches, so `/api/tickets/:id` and `/api/tickets/reservations` add up), matched by Express
 * itself. An unknown path falls through to the app's 404.
 */
import type { Express, NextFunction, Request, Response } from "express";
import type { Route } from "./route.ts";

/** The methods answered on `path` by `routes`, upper case: HEAD beside GET, as Express answers HEAD with GET. */
export function methodsOf(routes: readonly Pick<Route, "method" | "path">[], path: string): string[] {
  const methods = routes.filter((r) => r.path === path).map((r) => r.method.toUpperCase());
  if (methods.includes("GET")) methods.push("HEAD");
  return methods;
}

type Locals = { allow?: string[] };

/**
 * Mount, after the routes of `routes`, the catch of every other method on their paths: `answer` is called with the
 * request and the sorted methods the path supports (it sets `Allow` and refuses; OPTIONS may answer 204).
 */
export function mountMethodNotAllowed<L extends Record<string, unknown>>(
  app: Express,
  routes: readonly Pick<Route, "method" | "path">[],
  answer: (req: Request, res: Response<unknown, L>, allow: string[]) => void,
): void {
  for (const path of new Set(routes.map((r) => r.path))) {
    // The table is fixed once mounted: each path's methods are worked out here, not on every request.
    const methods = methodsOf(routes, path);
    app.all(path, (_req: Request, res: Response<unknown, Locals>, next: NextFunction) => {
      res.locals.allow = [...(res.locals.allow ?? []), ...methods];
      next();
    });
  }
  app.use((req: Request, res: Response<unknown, L & Locals>, next: NextFunction) => {
    const allow = res.locals.allow;
    if (allow === undefined) return next();
    answer(req, res, [...new Set(allow)].sort());
  });
}
