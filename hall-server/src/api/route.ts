/**
 * A route is data: method, path, who may call it, the body and answer schemas, the error codes it may answer and a
 * handler. The auth matrix test, the rate-limit table test and the OpenAPI document (openapi.ts) read it.
 */
import type { DeviceKind, ErrorCode, Role } from "@onewindow/contract";
import type { Request } from "express";
import { z } from "zod";
import type { HallContext } from "../services/context.ts";
import type { RateLimitName } from "./rateLimits.ts";
import type { Principal } from "../services/principal.ts";

/** Who may call: a device kind, a staff role, or "public" (no token needed). */
export type Access = DeviceKind | Role | "public";

export const STAFF: readonly Access[] = ["staff", "supervisor", "admin"];
export const SUPERVISORS: readonly Access[] = ["supervisor", "admin"];
export const ADMIN: readonly Access[] = ["admin"];
export const ANY_AUTHENTICATED: readonly Access[] = ["kiosk", "counter", "screen", "gateway", ...STAFF];
/**
 * Who may follow the hall's live state (snapshot, event log, the /ws stream): the hall's own devices and staff. Not
 * the online hall (gateway): it books and takes tickets, it does not watch the queue and its masked data.
 */
export const HALL_WATCHERS: readonly Access[] = ["kiosk", "counter", "screen", ...STAFF];

/** Media types answered as bytes (`BinaryAnswer`), not as JSON or text. */
export const BINARY_MEDIA_TYPES = ["audio/wav", "image/jpeg", "image/png"] as const;
export type BinaryMediaType = (typeof BINARY_MEDIA_TYPES)[number];

/**
 * What the handler of a binary route returns: the bytes, the headers it documents in `headers`, and, when the route
 * produces several media types (a staff photo: JPEG or PNG), which one these bytes are.
 */
export interface BinaryAnswer {
  bytes: Uint8Array;
  headers: Record<string, string>;
  mediaType?: BinaryMediaType;
}
/** The answer schema of a binary route (checked in tests; the OpenAPI document describes the bytes instead). */
export const BinaryAnswer = z.custom<BinaryAnswer>(
  (v) =>
    typeof v === "object" &&
    v !== null &&
    (v as BinaryAnswer).bytes instanceof Uint8Array &&
    typeof (v as BinaryAnswer).headers === "object",
  "a binary answer is {bytes, headers, mediaType?}",
);

/** The binary media types `r` may answer: its one `produces`, or its list; empty for a JSON or text route. */
export function binaryTypesOf(r: Pick<Route, "produces">): readonly BinaryMediaType[] {
  const produces = r.produces ?? "application/json";
  const types: readonly string[] = typeof produces === "string" ? [produces] : produces;
  return types.filter((t): t is BinaryMediaType => (BINARY_MEDIA_TYPES as readonly string[]).includes(t));
}

/**
 * The media type to send `answer` of binary route `r` as: its `mediaType` when it is one the route produces, else the
 * route's only type; undefined when neither (an answer of a multi-type route must name its type).
 */
export function mediaTypeOf(r: Pick<Route, "produces">, answer: BinaryAnswer): BinaryMediaType | undefined {
  const types = binaryTypesOf(r);
  if (answer.mediaType !== undefined) return types.includes(answer.mediaType) ? answer.mediaType : undefined;
  return types.length === 1 ? types[0] : undefined;
}

/** Whether `r` answers bytes (`BinaryAnswer`) of a binary media type. */
export const isBinaryRoute = (r: Pick<Route, "produces">): boolean => binaryTypesOf(r).length > 0;

export interface RouteInput<B> {
  ctx: HallContext;
  principal: Principal | undefined;
  body: B;
  params: Record<string, string>;
  /** The query string, parsed by the route's `query` schema when it has one. */
  query: Request["query"];
  /** The caller's address (for per-source rules such as the sign-in lockout). */
  source: string;
  /**
   * For a route with `rawBody`: the body's bytes, and the media type its Content-Type declared (lower case, no
   * parameters; undefined without one). Undefined on every other route.
   */
  raw?: { bytes: Buffer; declaredType: string | undefined };
}

export interface Route<S extends z.ZodType = z.ZodType, A extends z.ZodType = z.ZodType> {
  method: "get" | "post" | "put" | "delete";
  path: string;
  access: readonly Access[];
  body?: S;
  /**
   * The body is a file's bytes, not JSON (a staff photo): read whatever its Content-Type (up to the 2 MB every body
   * may have) and handed over as `input.raw`; a JSON body is refused. `mediaTypes` are what the OpenAPI document
   * lists; the use case checks the bytes themselves.
   */
  rawBody?: { mediaTypes: readonly string[] };
  /** Query-string schema (strict: an unknown flag is refused, naming it); without one the query is not read. */
  query?: z.ZodType;
  /** The limit every caller of this route spends from (see the table in rateLimits.ts); public routes need one. */
  rateLimit?: RateLimitName;
  /** A synchronous state change that may share its transaction (and fsync) with others arriving together. */
  groupCommit?: boolean;
  status?: number;
  /**
   * The answer's schema (for `status`, default 200). Tests run the app with answer checking on, so every real answer
   * is parsed against it; the OpenAPI document publishes it.
   */
  answer: A;
  /**
   * Media type of the answer: JSON (the default), a page/text the handler returns as a string, or bytes of a binary
   * type (the handler returns a `BinaryAnswer`; `answer` is then `BinaryAnswer`). A binary route whose bytes may be
   * of several types lists them; its handler then names each answer's `mediaType`.
   */
  produces?: "application/json" | "text/html" | "text/plain" | BinaryMediaType | readonly BinaryMediaType[];
  /** Headers of a successful answer beyond the standard ones, by name: their meaning (published in OpenAPI). */
  headers?: Readonly<Record<string, string>>;
  /**
   * Error codes this route's own checks and use case may answer, beyond those every route shares (see
   * `errorCodesOf`). Tests fail when a route answers a code that `errorCodesOf` does not list.
   */
  errors?: readonly ErrorCode[];
  /** One line for the API reference. */
  summary: string;
  handle(input: RouteInput<z.infer<S>>): z.input<A> | Promise<z.input<A>>;
}

/**
 * Every error code `r` may answer: `bad_request` (malformed JSON, a JSON value that is not an object, a body that
 * does not decode, or a body, query or path parameter its schema refuses), `payload_too_large` (a body over 2 MB),
 * `unsupported_media_type` (a body that is not JSON on a JSON route, an unknown Content-Encoding or charset),
 * `unauthorized` (a malformed, unknown, revoked or expired token, on any route; no token on a non-public one),
 * `internal`; `forbidden` for a route that is not public (a token of another role); `rate_limited` for a
 * rate-limited route; then the route's own `errors`. Sorted, no repeats.
 */
export function errorCodesOf(r: Pick<Route, "access" | "rateLimit" | "errors">): ErrorCode[] {
  const codes = new Set<ErrorCode>([
    "bad_request",
    "payload_too_large",
    "unsupported_media_type",
    "unauthorized",
    "internal",
    ...(r.errors ?? []),
  ]);
  if (!r.access.includes("public")) codes.add("forbidden");
  if (r.rateLimit) codes.add("rate_limited");
  return [...codes].sort();
}

/** Typed route constructor (keeps the body type tied to its schema, and the handler's result to the answer's). */
export function route<S extends z.ZodType, A extends z.ZodType>(r: Route<S, A>): Route {
  return r;
}
