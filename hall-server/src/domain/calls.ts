/**
 * The staff-driven call operations around the policy: calling a chosen ticket out of order, recall with a
 * counted limit that ends in a no-show, and transfer that keeps the ticket's number and arrival time.
 * Pure helpers: the use case applies `transition` from ./ticketMachine.ts, stores, and logs the event.
 */
import type { PriorityClass } from "@onewindow/contract";
import { selectNext, type CallContext, type CallDecision, type CallPolicyConfig } from "./callPolicy.ts";
import { isId, WaitingQueues, type WaitingTicket } from "./waitingQueues.ts";

/** Who is calling, for the checks of `mayCall`. */
export type Caller = Pick<CallContext, "staffId" | "windowId" | "eligibleItems">;

/**
 * Whether this staff member at this window may call this waiting ticket by choice (out of order; the caller
 * audits it). Refused for a ticket targeted at another staff member or window, and for an untargeted ticket of
 * an item the caller is not eligible for (skills ∩ window's items). A ticket targeted at the caller is always
 * allowed, as in `selectNext`.
 */
export function mayCall(ticket: Readonly<WaitingTicket>, caller: Caller): CallPermission {
  const staff = ticket.targetStaffId ?? null;
  const window = ticket.targetWindowId ?? null;
  if (staff !== null && staff !== caller.staffId)
    return { ok: false, why: "other_staff", reason: `ticket ${ticket.id} was transferred to another staff member` };
  if (window !== null && window !== caller.windowId)
    return { ok: false, why: "other_window", reason: `ticket ${ticket.id} was transferred to another window` };
  if (staff === null && window === null && !caller.eligibleItems.has(ticket.itemId))
    return {
      ok: false,
      why: "not_eligible",
      reason: `ticket ${ticket.id}: item ${ticket.itemId} is not served by this staff member at this window`,
    };
  return { ok: true };
}

/**
 * The answer of `mayCall`. A refusal says `why` as a code (targeted at another staff member or window, or an item
 * the caller does not serve), so the use case can word it with what staff see (printed number, item code), and a
 * `reason` in row ids for logs and tests.
 */
export type CallPermission =
  { ok: true } | { ok: false; why: "other_staff" | "other_window" | "not_eligible"; reason: string };

/**
 * The order in which this caller's "call next" would take today's waiting tickets if pressed again and again at
 * `ctx.nowMs` with nothing else changing: each step is `selectNext` over what is left, with the priority streak the
 * step before returned. So the counter's list of callable tickets and call-next never disagree (ties included: ids
 * are compared as numbers). Holds exactly the tickets `mayCall` accepts, at most `limit` of them. Throws as
 * `selectNext` does.
 *
 * Cost: O(n log n) to index the n callable tickets, then O(eligible items) per step.
 */
export function callOrder(
  waiting: Iterable<Readonly<WaitingTicket>>,
  ctx: CallContext,
  config: CallPolicyConfig,
  limit = Number.POSITIVE_INFINITY,
): CallDecision[] {
  // Only tickets this caller may take: `selectNext` never reads the others, so leaving them out changes nothing.
  const mine = new WaitingQueues();
  for (const t of waiting) if (mayCall(t, ctx).ok) mine.add(t);
  const order: CallDecision[] = [];
  let priorityStreak = ctx.priorityStreak;
  while (order.length < limit) {
    const next = selectNext(mine, { ...ctx, priorityStreak }, config);
    if (!next) break;
    order.push(next);
    mine.remove(next.ticketId);
    priorityStreak = next.priorityStreak;
  }
  return order;
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
  itemId: number;
  /** Only this staff member may take it (首办负责: e.g. back to the first handler). */
  targetStaffId?: number | null;
  /** Only this window may take it. */
  targetWindowId?: number | null;
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
  if (!isId(to.itemId)) throw new RangeError("transfer needs a target item");
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
