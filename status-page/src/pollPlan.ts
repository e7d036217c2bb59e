/**
 * When the status page asks for its ticket again (GET /api/public/tickets/:token). Faster near the front, slower far
 * back, never again once the ticket's story has ended, and backing off after errors. The hall limits each token to a
 * burst of 20 and 0.5 requests per second sustained (hall-server api/rateLimits.ts): the shortest delay here, 3 s,
 * stays under it with room for a reload or two.
 */
import type { TicketState } from "@onewindow/contract";

/** The shortest delay between two polls (ms); also the spacing of the page's manual refresh. */
export const MIN_POLL_MS = 3_000;
/** The longest delay after errors (ms). */
export const MAX_BACKOFF_MS = 60_000;

/** States after which nothing more happens to the ticket: the page stops asking. */
export const FINAL_STATES: readonly TicketState[] = ["done", "cancelled", "expired", "voided"];

/**
 * Delay (ms) before the next poll after a good answer, or undefined to stop. `peopleAhead` is the answer's (only
 * present while waiting).
 */
export function nextPollMs(state: TicketState, peopleAhead: number | undefined): number | undefined {
  if (FINAL_STATES.includes(state)) return undefined;
  switch (state) {
    case "waiting":
    case "transferred":
      if (peopleAhead === undefined || peopleAhead <= 3) return MIN_POLL_MS;
      return peopleAhead <= 10 ? 6_000 : 15_000;
    // A call can be repeated or turn into a no-show within a minute; a print finishes in seconds.
    case "called":
    case "reserved":
      return MIN_POLL_MS;
    case "serving":
    case "on_hold":
      return 10_000;
    // Staff may still reactivate it within the hall's window.
    case "no_show":
      return 15_000;
    default:
      return 15_000;
  }
}

/**
 * Delay (ms) after the `failures`-th error in a row (1 for the first): 3 s doubling to a minute, never sooner than
 * the server's Retry-After (seconds, from a 429).
 */
export function backoffMs(failures: number, retryAfterSeconds?: number): number {
  const doubled = Math.min(MAX_BACKOFF_MS, MIN_POLL_MS * 2 ** Math.max(0, failures - 1));
  const server = retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) ? retryAfterSeconds * 1000 : 0;
  return Math.max(doubled, Math.min(server, 10 * MAX_BACKOFF_MS));
}
