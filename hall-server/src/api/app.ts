/**
 * The Express app: bearer-token authentication, per-route access check, rate limits (the table in rateLimits.ts,
 * applied whatever token is presented), query and body validation, and one central error handler that turns every
 * refusal into `{error: {code, message}}`.
 */
import { timingSafeEqual } from "node:crypto";
import express, { type NextFunction, type Request, type Response } from "express";
import type { ErrorBody } from "@onewindow/contract";
import type { Logger } from "pino";
import { AppError, isAppError } from "../errors.ts";
import type { TokenBucketLimiter } from "../security/index.ts";
import type { HallContext } from "../services/context.ts";
import { GroupCommitter } from "../services/groupCommit.ts";
import { accessTag, resolveToken, type Principal } from "../services/principal.ts";
import { logRequest } from "../operatorLog.ts";
import { hallPages, mountPages, type HallPage } from "../pages/index.ts";
import { createLimiters, limitKeyOf, RATE_LIMITS, sourceOf, type RateLimitName } from "./rateLimits.ts";
import { mountMethodNotAllowed } from "./methodNotAllowed.ts";
import { bodyErrorOf, bytesBody, fileBodyOf, jsonBody } from "./requestBody.ts";
import { errorCodesOf, isBinaryRoute, mediaTypeOf, type BinaryAnswer, type Route } from "./route.ts";
import { routes } from "./routes.ts";

type Locals = {
  principal: Principal | undefined;
  /** performance.now() when the request reached the app, for the request log. */
  startedAt: number;
  /** The matched route's pattern ("POST /api/tickets"), for the request log. */
  route?: string;
  /** The matched route, for checking error codes against its declared list. */
  routeDef?: Route;
};

/** How the app is built: which routes (default: the hall's table) and, in tests, a contract checker. */
export interface AppOptions {
  routes?: readonly Route[];
  /**
   * Test-only: parse every answer against its route's `answer` schema and check that every error code is one
   * `errorCodesOf(route)` lists. Each mismatch is reported here; a wrong answer is then sent as 500 `internal`
   * instead (so the calling test fails too). Off in production: answers are typed at compile time there.
   */
  checkAnswers?: (problem: string) => void;
  /**
   * Accepted as the operator principal (admin rights; audited as "cli") on requests from this machine only; from
   * anywhere else it is an unknown token. The CLI reads it from the hall's lock file (cli/hallLock.ts).
   */
  operatorToken?: string | undefined;
  /** The built pages served beside the API (default: the hall's, pages/hallPages.ts). */
  pages?: readonly HallPage[];
}

/**
 * Bearer token from the Authorization header (or ?token= for WebSocket upgrades, handled elsewhere). The scheme is
 * case-insensitive ("bearer", "BEARER"; RFC 7235 §2.1) and followed by one or more spaces; the token is ours.
 */
export function bearer(header: string | undefined): string | undefined {
  const m = /^bearer +([A-Za-z0-9_.-]{16,200})$/i.exec(header ?? "");
  return m?.[1];
}

function sendError(res: Response<unknown, Locals>, error: AppError, log: Logger, check?: AppOptions["checkAnswers"]) {
  const body: ErrorBody = { error: { code: error.code, message: error.message, details: error.details } };
  const r = res.locals.routeDef;
  if (check && r && !errorCodesOf(r).includes(error.code))
    check(`${res.locals.route ?? "?"} answered error code ${error.code}, which its route does not declare`);
  res.status(error.status).json(body);
  logAnswer(log, res, error.code);
}

function logAnswer(log: Logger, res: Response<unknown, Locals>, code?: string): void {
  logRequest(log, res.statusCode, () => ({
    route: res.locals.route ?? "unmatched",
    startedAt: res.locals.startedAt,
    by: res.locals.principal ? accessTag(res.locals.principal) : "public",
    code,
  }));
}

/** Whether a request comes from this machine: loopback, or a connection to one of our own addresses from itself. */
function fromThisMachine(req: Request): boolean {
  const remote = req.socket.remoteAddress ?? "";
  return /^(127\.|::1$|::ffff:127\.)/.test(remote) || remote === req.socket.localAddress;
}

/** The app for `ctx` (see AppOptions for `operatorToken` and the test-only `checkAnswers`). */
export function createApp(ctx: HallContext, options: AppOptions = {}): express.Express {
  const check = options.checkAnswers;
  const operator = options.operatorToken === undefined ? undefined : Buffer.from(options.operatorToken);
  const isOperator = (token: string, req: Request) =>
    operator !== undefined &&
    token.length === operator.length &&
    timingSafeEqual(Buffer.from(token), operator) &&
    fromThisMachine(req);
  const app = express();
  app.disable("x-powered-by");
  // No ETag: API answers change with every event, and hashing each body costs CPU on the hot path.
  app.set("etag", false);
  app.set("query parser", "simple");
  const limiters = createLimiters(ctx.config);
  // Pages first: they never touch /api or /ws, need no token, and a browser's "/" gets the hall's front page.
  mountPages(app, options.pages ?? hallPages, () => ctx.config.hallName);

  // Who is calling, before the body is read: a request with a bad token is refused without parsing it.
  app.use((req: Request, res: Response<unknown, Locals>, next: NextFunction) => {
    res.locals.startedAt = performance.now();
    const header = req.headers.authorization;
    const token = bearer(header);
    if (header !== undefined && token === undefined)
      return sendError(res, new AppError("unauthorized", "malformed Authorization header"), ctx.log);
    res.locals.principal =
      token === undefined ? undefined : isOperator(token, req) ? { kind: "operator" } : resolveToken(ctx, token);
    if (token !== undefined && res.locals.principal === undefined)
      return sendError(res, new AppError("unauthorized", "unknown, revoked or expired token"), ctx.log);
    next();
  });

  const committer = new GroupCommitter(ctx);
  const table = options.routes ?? routes;
  // Each route reads its own body once it matched (an unknown path reads none): a file body (a staff photo) as bytes
  // whatever its Content-Type, every other one as a JSON object.
  for (const r of table)
    app[r.method](r.path, enter(r), ...(r.rawBody ? bytesBody : jsonBody), handler(ctx, r, limiters, committer, check));
  mountMethodNotAllowed<Locals>(app, table, (req, res, allow) => {
    res.setHeader("Allow", allow.join(", "));
    // OPTIONS asks exactly this: answered, not refused.
    if (req.method === "OPTIONS") return logAnswer(ctx.log, res.status(204).end());
    sendError(
      res,
      new AppError("method_not_allowed", `${req.method} is not supported here; use ${allow.join(", ")}`),
      ctx.log,
    );
  });

  app.use((_req: Request, res: Response<unknown, Locals>) =>
    sendError(res, new AppError("not_found", "no such endpoint"), ctx.log),
  );
  app.use((error: unknown, req: Request, res: Response<unknown, Locals>, _next: NextFunction) => {
    if (isAppError(error)) return sendError(res, error, ctx.log, check);
    const refusal = bodyErrorOf(error, req);
    if (refusal) return sendError(res, refusal, ctx.log, check);
    ctx.log.error({ err: error }, "unhandled error");
    sendError(res, new AppError("internal", "internal error"), ctx.log);
  });
  return app;
}

/**
 * Marks the request as `r`'s before its body is read, so a refusal of the body is logged under the route and its code
 * checked against the route's declared ones.
 */
function enter(r: Route) {
  const routeName = `${r.method.toUpperCase()} ${r.path}`;
  return (_req: Request, res: Response<unknown, Locals>, next: NextFunction) => {
    res.locals.route = routeName;
    res.locals.routeDef = r;
    next();
  };
}

/** Parse `result` as the client will read it (after JSON) against the route's answer schema; throw 500 if wrong. */
function checkAnswer(r: Route, routeName: string, result: unknown, check: (problem: string) => void): void {
  const wire: unknown = isBinaryRoute(r)
    ? result
    : r.produces && r.produces !== "application/json"
      ? String(result)
      : JSON.parse(JSON.stringify(result ?? {}));
  const parsed = r.answer.safeParse(wire);
  // A binary answer sends exactly the headers its route documents, as one of the media types the route produces.
  const headers = isBinaryRoute(r) && parsed.success ? Object.keys((result as BinaryAnswer).headers).sort() : [];
  const headersMatch =
    headers.join() ===
    Object.keys(r.headers ?? {})
      .sort()
      .join();
  const typeMatches = !isBinaryRoute(r) || !parsed.success || mediaTypeOf(r, result as BinaryAnswer) !== undefined;
  if (parsed.success && headersMatch && typeMatches) return;
  const problem = !parsed.success
    ? `${routeName} answered outside its schema: ${parsed.error.issues
        .map((i) => `${i.path.map(String).join(".") || "answer"}: ${i.message}`)
        .join("; ")}`
    : !headersMatch
      ? `${routeName} answered headers ${headers.join(", ")}, not the ones it documents`
      : `${routeName} answered media type ${String((result as BinaryAnswer).mediaType)}, not one it produces`;
  check(problem);
  throw new AppError("internal", problem);
}

/** `{path}: message; …` for a zod failure, with the issues as details. */
function invalid(issues: readonly { path: PropertyKey[]; message: string }[], root: string): AppError {
  return new AppError(
    "bad_request",
    issues.map((i) => `${i.path.map(String).join(".") || root}: ${i.message}`).join("; "),
    issues.map((i) => ({ path: i.path, message: i.message })),
  );
}

function handler(
  ctx: HallContext,
  r: Route,
  limiters: Record<RateLimitName, TokenBucketLimiter>,
  committer: GroupCommitter,
  check: AppOptions["checkAnswers"],
) {
  const routeName = `${r.method.toUpperCase()} ${r.path}`;
  return async (req: Request, res: Response<unknown, Locals>, next: NextFunction) => {
    try {
      const principal = res.locals.principal;
      const allowed =
        r.access.includes("public") || (principal !== undefined && r.access.includes(accessTag(principal)));
      if (!allowed)
        throw principal === undefined
          ? new AppError("unauthorized", "sign in or pair this device first")
          : new AppError("forbidden", `a ${accessTag(principal)} may not call ${routeName}`);
      // Every caller spends from the route's limit, staff and devices included: a token is no pass (issue 7).
      if (r.rateLimit) {
        const verdict = limiters[r.rateLimit].take(limitKeyOf(RATE_LIMITS[r.rateLimit].key, req, principal));
        if (!verdict.allowed) {
          res.setHeader("Retry-After", String(Math.ceil(verdict.retryAfterMs / 1000)));
          throw new AppError("rate_limited", `too many requests; retry in ${Math.ceil(verdict.retryAfterMs / 1000)} s`);
        }
      }
      let query: unknown = req.query;
      if (r.query) {
        const parsed = r.query.safeParse(req.query);
        if (!parsed.success) throw invalid(parsed.error.issues, "query");
        query = parsed.data;
      }
      let body: unknown = undefined;
      if (r.body) {
        const parsed = r.body.safeParse(req.body ?? {});
        if (!parsed.success) throw invalid(parsed.error.issues, "body");
        body = parsed.data;
      }
      const input = {
        ctx,
        principal,
        body,
        params: req.params as Record<string, string>,
        query: query as Request["query"],
        source: sourceOf(req),
        ...(r.rawBody ? { raw: fileBodyOf(req, r.rawBody.mediaTypes) } : {}),
      };
      const result: unknown = r.groupCommit ? await committer.submit(() => r.handle(input)) : await r.handle(input);
      if (check) checkAnswer(r, routeName, result, check);
      if (isBinaryRoute(r)) {
        const answer = result as BinaryAnswer;
        const { bytes, headers } = answer;
        res
          .status(r.status ?? 200)
          .type(mediaTypeOf(r, answer) ?? "application/octet-stream")
          .set(headers)
          .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      } else if (typeof r.produces === "string" && r.produces !== "application/json")
        res
          .status(r.status ?? 200)
          .type(`${r.produces}; charset=utf-8`)
          .send(String(result));
      else res.status(r.status ?? 200).json(result ?? {});
      logAnswer(ctx.log, res);
    } catch (error) {
      next(error);
    }
  };
}
