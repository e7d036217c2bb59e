/** A route is data: method, path, who may call it, the body schema and a handler. The auth matrix test reads it. */
import type { DeviceKind, Role } from "@onewindow/contract";
import type { Request } from "express";
import type { z } from "zod";
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

export interface RouteInput<B> {
  ctx: HallContext;
  principal: Principal | undefined;
  body: B;
  params: Record<string, string>;
  /** The query string, parsed by the route's `query` schema when it has one. */
  query: Request["query"];
  /** The caller's address (for per-source rules such as the sign-in lockout). */
  source: string;
}

export interface Route<S extends z.ZodType = z.ZodType> {
  method: "get" | "post" | "put" | "delete";
  path: string;
  access: readonly Access[];
  body?: S;
  /** Query-string schema (strict: an unknown flag is refused, naming it); without one the query is not read. */
  query?: z.ZodType;
  /** The limit every caller of this route spends from (see the table in rateLimits.ts); public routes need one. */
  rateLimit?: RateLimitName;
  /** A synchronous state change that may share its transaction (and fsync) with others arriving together. */
  groupCommit?: boolean;
  status?: number;
  handle(input: RouteInput<z.infer<S>>): unknown;
}

/** Typed route constructor (keeps the body type tied to its schema). */
export function route<S extends z.ZodType>(r: Route<S>): Route {
  return r;
}
