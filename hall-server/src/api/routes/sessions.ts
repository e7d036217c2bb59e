/**
 * Staff sessions: signing in (PIN at a counter, password on the admin page) and out, and a supervisor freeing a window
 * whose staff member walked away.
 */
import { LoginResult, OkAnswer, ReleasedWindow, StaffLoginBody } from "@onewindow/contract";
import { releaseWindow, staffLogin, staffLogout } from "../../services/staffSessions.ts";
import { idParam, staffOf } from "../principalOf.ts";
import { STAFF, SUPERVISORS, route, type Route } from "../route.ts";
import { EmptyBody, OK } from "./shared.ts";

export const sessionRoutes: Route[] = [
  route({
    method: "post",
    path: "/api/auth/login",
    summary: "Sign a staff member in (PIN at a counter device's window, or password on the admin page).",
    answer: LoginResult,
    errors: ["conflict", "not_found", "window_busy"],
    access: ["public", "counter"],
    body: StaffLoginBody,
    rateLimit: "login",
    handle: ({ ctx, principal, body, source }) => staffLogin(ctx, body, principal, source),
  }),
  route({
    method: "post",
    path: "/api/auth/logout",
    summary: "Sign out: the session ends and its sockets close (4401).",
    answer: OkAnswer,
    errors: ["window_busy"],
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => (staffLogout(ctx, staffOf(principal)), OK),
  }),

  route({
    method: "post",
    path: "/api/windows/:number/release",
    summary: "A supervisor frees a window whose staff member walked away.",
    answer: ReleasedWindow,
    errors: ["not_found", "invalid_state", "window_busy"],
    access: SUPERVISORS,
    body: EmptyBody,
    handle: ({ ctx, principal, params }) => releaseWindow(ctx, staffOf(principal).staffId, idParam(params, "number")),
  }),
];
