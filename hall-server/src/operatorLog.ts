/**
 * What an operator reads in the hall-server's log besides start-up and failures:
 * - each state change (event) at info: its seq, type, and the ticket number, window number and staff employee
 *   number where it has them;
 * - each answered request at debug (route pattern, status, duration, who called), each refusal at info with its
 *   error code, a 5xx at error. Route patterns, never actual paths (a path can hold a public-status token).
 * Never bodies, query strings or personal data: the event's ticket view (masked name and ID) is not logged.
 */
import type { HallEvent } from "@onewindow/contract";
import type { Logger } from "pino";

/** One info line per state change. */
export function logEvent(log: Logger, event: HallEvent): void {
  if (!log.isLevelEnabled("info")) return;
  const data = event.data as {
    ticket?: { number?: unknown };
    /** ticket.reserved / ticket.voided name the number without a ticket view. */
    number?: unknown;
    window?: { number?: unknown };
    staff?: { employeeNo?: unknown };
  };
  const ticket =
    typeof data.ticket?.number === "string"
      ? data.ticket.number
      : typeof data.number === "string"
        ? data.number
        : undefined;
  const window = typeof data.window?.number === "number" ? data.window.number : undefined;
  const staff = typeof data.staff?.employeeNo === "string" ? data.staff.employeeNo : undefined;
  log.info({ seq: event.seq, type: event.type, ticket, window, staff }, "event");
}

export interface RequestOutcome {
  /** "POST /api/tickets": the route's pattern, or "unmatched". */
  route: string;
  /** performance.now() when the request reached the app. */
  startedAt: number;
  /** Who called: device kind, role, or "public". */
  by: string;
  /** The stable error code of a refusal. */
  code?: string;
}

/** Log one answered request; `describe` runs only when the level is on (the hot path allocates nothing). */
export function logRequest(log: Logger, status: number, describe: () => RequestOutcome): void {
  const level = status >= 500 ? "error" : status >= 400 ? "info" : "debug";
  if (!log.isLevelEnabled(level)) return;
  const { route, startedAt, by, code } = describe();
  const ms = Math.round((performance.now() - startedAt) * 10) / 10;
  log[level]({ route, status, ms, by, ...(code === undefined ? {} : { code }) }, code ? "refused" : "answered");
}
