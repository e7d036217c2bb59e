/**
 * The ticket state machine: which action is allowed in which state, and where it leads. Pure: the caller
 * (a use case in a store transaction) checks the result, writes the new state and appends the event.
 *
 *   reserved --confirmPrint--> waiting      (a kiosk's two-phase issue: the number is held while the ticket prints)
 *   reserved --void--> voided               (the ticket never printed: a recorded gap in the day's numbers)
 *
 *   waiting --call--> called --start--> serving --finish--> done
 *      |                |  ^ recall        |  ^
 *      |                |  +               |  hold / unhold (only from serving; on_hold resumes to serving)
 *      |                +--noShow--> no_show --reactivate (within the window, same service day)--> waiting
 *      +--cancel--> cancelled     (also from called and on_hold)
 *      +--expire--> expired       (its service day ended while it waited; see ./serviceDay.ts)
 *   called / serving / on_hold --transfer--> waiting (new queue); the request being handled closes as "transferred"
 *
 * Hold is only for a ticket in service: a called citizen who has not come to the window has nothing to fetch, and
 * holding them would free the window without a no-show. A ticket called, in service or on hold when its day ends is
 * not expired: it finishes normally.
 */
import type { TicketState } from "@onewindow/contract";

/** Everything staff, citizens or timers can do to a ticket's active service request. */
export type TicketAction =
  | { type: "confirmPrint" }
  | { type: "void" }
  | { type: "call" }
  | { type: "recall" }
  | { type: "start" }
  | { type: "finish" }
  | { type: "noShow" }
  | { type: "transfer" }
  | { type: "hold" }
  | { type: "unhold" }
  | { type: "cancel" }
  | { type: "reactivate" }
  | { type: "expire" };

/** The action names, in a stable order (for tables, validation and exhaustive tests). */
export const TICKET_ACTION_TYPES = [
  "confirmPrint",
  "void",
  "call",
  "recall",
  "start",
  "finish",
  "noShow",
  "transfer",
  "hold",
  "unhold",
  "cancel",
  "reactivate",
  "expire",
] as const satisfies readonly TicketAction["type"][];

/**
 * Result of `transition`. On success `next` is the ticket's new state. For `transfer` only, `closedRequest` is
 * `"transferred"`: the service request that was being handled ends in that state (for history and
 * attribution), while the ticket itself is `next = "waiting"` in its new item's queue, with its number and
 * arrival time unchanged.
 */
export type TransitionResult =
  { ok: true; next: TicketState; closedRequest?: "transferred" } | { ok: false; reason: string };

type ActionType = TicketAction["type"];

// The whole machine as data: state -> action -> next state. A missing entry is a refused action.
const TABLE: Readonly<Record<TicketState, Partial<Record<ActionType, TicketState>>>> = {
  // Only a printed ticket waits: nothing else (call, cancel, expire) applies to a held number.
  reserved: { confirmPrint: "waiting", void: "voided" },
  voided: {},
  // Expiry is the day's end, not a person's act: only a ticket still waiting expires.
  waiting: { call: "called", cancel: "cancelled", expire: "expired" },
  // Recall keeps the ticket called; the caller counts recalls and turns the Nth into a no-show.
  called: {
    recall: "called",
    start: "serving",
    noShow: "no_show",
    transfer: "waiting",
    cancel: "cancelled",
  },
  // A ticket in service is never cancelled or marked absent: the staff member finishes, holds or transfers it.
  serving: { finish: "done", transfer: "waiting", hold: "on_hold" },
  // Resuming a held ticket puts it back in service with the same staff member; the caller must make sure that
  // staff member has no other ticket in service (one ticket in service per staff member).
  on_hold: { unhold: "serving", transfer: "waiting", cancel: "cancelled" },
  // The caller checks `canReactivate` first; a reactivated ticket keeps its arrival time and item.
  no_show: { reactivate: "waiting" },
  done: {},
  transferred: {},
  cancelled: {},
  expired: {},
};

/** States from which no action leads anywhere (the request is closed for good). */
export function isTerminal(state: TicketState): boolean {
  return Object.keys(TABLE[state]).length === 0;
}

/**
 * Apply `action` to a ticket in `state`. Returns `{ ok: true, next }` when allowed (see `TransitionResult`
 * for `transfer`), or `{ ok: false, reason }` with a human-readable reason; never throws for any state/action
 * pair of the declared types, and refuses unknown values instead of crashing.
 */
export function transition(state: TicketState, action: TicketAction): TransitionResult {
  const row = Object.hasOwn(TABLE, state) ? TABLE[state] : undefined;
  if (!row) return { ok: false, reason: `unknown ticket state "${String(state)}"` };
  const type = action?.type;
  if (!(TICKET_ACTION_TYPES as readonly string[]).includes(type))
    return { ok: false, reason: `unknown ticket action "${String(type)}"` };
  const next = Object.hasOwn(row, type) ? row[type] : undefined;
  if (next === undefined) return { ok: false, reason: `cannot ${type} a ticket that is ${state}` };
  return type === "transfer" ? { ok: true, next, closedRequest: "transferred" } : { ok: true, next };
}

/**
 * Whether a no-show marked at `noShowAtMs` may be reactivated at `nowMs`: true while at most `windowMinutes`
 * have passed (inclusive). A window of 0 (or negative, or non-finite inputs) disables reactivation. A clock
 * that reads slightly before the no-show (an NTP step back) counts as no time passed.
 */
export function canReactivate(noShowAtMs: number, nowMs: number, windowMinutes: number): boolean {
  if (!Number.isFinite(noShowAtMs) || !Number.isFinite(nowMs) || !Number.isFinite(windowMinutes)) return false;
  if (windowMinutes <= 0) return false;
  const elapsed = Math.max(0, nowMs - noShowAtMs);
  return elapsed <= windowMinutes * 60_000;
}
