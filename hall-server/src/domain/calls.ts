/**
 * The staff-driven call operations around the policy: calling a chosen ticket out of order, recall with a
 * counted limit that ends in a no-show, and transfer that keeps the ticket's number and arrival time.
 * Pure helpers: the use case applies `transition` from ./ticketMachine.ts, stores, and logs the event.
 */
import type { PriorityClass } from "@onewindow/contract";
import type { CallContext } from "./callPolicy.ts";
import type { WaitingTicket } from "./waitingQueues.ts";

/** Who is calling, for the checks of `mayCall`. */
export type Caller = Pick<CallContext, "staffId" | "windowId" | "eligibleItems">;

/**
 * How a refusal names a ticket and its item: as staff and citizens see them (the printed number, the item's
 * official code 事项编码), never by internal row ids.
 */
export interface CallNames {
  /** The printed ticket number, e.g. "A001". */
  ticket: string;
  /** The item's official code. */
  item: string;
}

/**
 * Whether this staff member at this window may call this waiting ticket by choice (out of order; the caller
 * audits it). Refused for a ticket targeted at another staff member or window, and for an untargeted ticket of
 * an item the caller is not eligible for (skills ∩ window's items). A ticket targeted at the caller is always
 * allowed, as in `selectNext`. The refusal's reason names the ticket and item by `names` (number and item code);
 * without them it says "this ticket" / "its item", so an internal id never reaches a message.
 */
export function mayCall(
  ticket: Readonly<WaitingTicket>,
  caller: Caller,
  names?: CallNames,
): { ok: true } | { ok: false; reason: string } {
  const staff = ticket.targetStaffId ?? null;
  const window = ticket.targetWindowId ?? null;
  const name = names ? `ticket ${names.ticket}` : "this ticket";
  if (staff !== null && staff !== caller.staffId)
    return { ok: false, reason: `${name} was transferred to another staff member` };
  if (window !== null && window !== caller.windowId)
    return { ok: false, reason: `${name} was transferred to another window` };
  if (staff === null && window === null && !caller.eligibleItems.has(ticket.itemId))
    return {
      ok: false,
      reason: `${name}: ${names ? `item ${names.item}` : "its item"} is not served by this staff member at this window`,
    };
  return { ok: true };
}

/**
 * What a press of "recall" does to a called ticket that has been recalled `recallsSoFar` times: another recall
 * (announce again; store the new count) while fewer than `maxRecalls` were made, otherwise a no-show. So with
 * maxRecalls = 2 the citizen is announced at the call and twice more, and the fourth press marks the no-show.
 * maxRecalls = 0 turns the first recall press into a no-show. Throws RangeError on a negative or fractional count.
 */
export function recallOutcome(
  recallsSoFar: number,
  maxRecalls: number,
): { action: "recall"; recalls: number } | { action: "noShow"; recalls: number } {
  for (const [name, v] of Object.entries({ recallsSoFar, maxRecalls }))
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name} must be an integer ≥ 0, got ${v}`);
  return recallsSoFar < maxRecalls
    ? { action: "recall", recalls: recallsSoFar + 1 }
    : { action: "noShow", recalls: recallsSoFar };
}

/** Where a ticket is transferred to. */
export interface TransferTarget {
  itemId: string;
  /** Only this staff member may take it (首办负责: e.g. back to the first handler). */
  targetStaffId?: string | null;
  /** Only this window may take it. */
  targetWindowId?: string | null;
  /** A new class; by default the ticket keeps its own. */
  priority?: PriorityClass;
}

/**
 * The waiting ticket a transfer re-queues: the same id (so the same printed number) and the same `arrivedAt`,
 * so it is ordered by its original arrival in the new queue; new item and targets as given (targets not given
 * are cleared). An appointment slot is kept only while the class stays "appointment". Throws RangeError when
 * the target item is empty.
 */
export function transferTicket(ticket: Readonly<WaitingTicket>, to: TransferTarget): WaitingTicket {
  if (typeof to.itemId !== "string" || to.itemId === "") throw new RangeError("transfer needs a target item");
  const priority = to.priority ?? ticket.priority;
  return {
    id: ticket.id,
    itemId: to.itemId,
    priority,
    arrivedAt: ticket.arrivedAt,
    appointmentAt: priority === "appointment" ? (ticket.appointmentAt ?? null) : null,
    targetStaffId: to.targetStaffId ?? null,
    targetWindowId: to.targetWindowId ?? null,
  };
}
