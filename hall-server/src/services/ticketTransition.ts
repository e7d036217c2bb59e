/**
 * The one ticket transition every use case goes through:
 *
 *   action --domain `transition`--> next state (or a refusal)
 *          --> ticket row (state, state_at, the action's fields)
 *          --> its open request: ended (terminal state; "transferred" on a transfer, which opens the new one),
 *              or given the new state
 *          --> its period: the open one closed, one of the new state opened (none for a terminal state)
 *          --> the waiting index, after the commit: out when the ticket stops waiting, in when it waits again
 *
 * A ticket waits only in its own service day's queue: one of an ended day (a no-show reactivated, or a ticket in
 * service transferred, after the hall's midnight) is refused, since numbering restarted and it would be called as
 * today's number (dayEnd.ts expires those still waiting).
 *
 * Recall keeps a ticket "called": only the row changes (the recall count), so the call's request and period go on.
 */
import type { TicketState } from "@onewindow/contract";
import { isTerminal, transition, type TicketAction } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import type { TicketRow } from "../store/ticketStore.ts";
import type { HallContext, Tx } from "./context.ts";
import { waitingTicketOf } from "./queueIndex.ts";
import { serviceDay } from "./serviceDay.ts";

/** Row fields an action may set besides the state. */
export type TicketPatch = Partial<
  Pick<
    TicketRow,
    "item_id" | "window_id" | "staff_id" | "first_staff_id" | "target_staff_id" | "target_window_id" | "recall_count"
  >
>;

/** The period kinds a live state opens (terminal states open none). */
type PeriodKind = "waiting" | "called" | "serving" | "on_hold";
const PERIOD: Partial<Record<TicketState, PeriodKind>> = {
  waiting: "waiting",
  called: "called",
  serving: "serving",
  on_hold: "on_hold",
};

/**
 * Move ticket `t` by `action` inside `tx` (see the file comment) and return the stored row. `set` gives the fields
 * the action changes; `handled` says whether the item of a request that ends (finish, no-show, cancel) was dealt
 * with; `request` is the new request a transfer opens (its item and note). Throws AppError "invalid_state" when the
 * machine refuses the action, or when it would put a ticket of an ended service day back in a queue; nothing is
 * written then.
 */
export function moveTicket(
  ctx: HallContext,
  tx: Tx,
  t: TicketRow,
  action: TicketAction,
  change: { set?: TicketPatch; handled?: boolean; request?: { itemId: number; note: string } } = {},
): TicketRow {
  const r = transition(t.state, action);
  if (!r.ok) throw new AppError("invalid_state", `ticket ${t.number}: ${r.reason}`);
  if (r.next === "waiting" && t.state !== "waiting" && t.day < serviceDay(ctx, tx.now))
    throw new AppError(
      "invalid_state",
      `ticket ${t.number}: its service day ${t.day} has ended, so it cannot wait in today's queue`,
    );
  const moved = r.next !== t.state;
  const updated: TicketRow = { ...t, ...change.set, state: r.next, state_at: moved ? tx.now : t.state_at };
  const tickets = ctx.store.tickets;
  tickets.update(updated);
  if (!moved) return updated;

  const open = tickets.openRequest(t.id);
  let requestId = open.id;
  if (r.closedRequest) {
    tickets.endRequest(open.id, r.closedRequest, tx.now, false);
    requestId = tickets.addRequest(t.id, change.request?.itemId ?? updated.item_id, tx.now, change.request?.note);
  } else if (isTerminal(r.next)) tickets.endRequest(open.id, r.next, tx.now, change.handled ?? false);
  else tickets.setRequestState(open.id, r.next);
  const kind = PERIOD[r.next];
  tickets.switchPeriod(
    t.id,
    tx.now,
    kind && { requestId, kind, windowId: updated.window_id, staffId: updated.staff_id },
  );

  if (r.next === "waiting") tx.after(() => ctx.queues.add(waitingTicketOf(updated)));
  else if (t.state === "waiting") tx.after(() => ctx.queues.remove(t.id));
  return updated;
}
