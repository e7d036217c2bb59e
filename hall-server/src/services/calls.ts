/**
 * Calling: next by policy, a chosen ticket (audited), recall (counted; past the limit it becomes a no-show).
 * Every path that calls emits `ticket.called` with the announcement, so screens and voice never miss one.
 */
import type { CallableTicket, CallReason, TicketView, WindowRef } from "@onewindow/contract";
import {
  callOrder,
  mayCall,
  recallOutcome,
  selectNext,
  spokenAnnouncement,
  type CallContext,
  type Caller,
} from "../domain/index.ts";
import { AppError } from "../errors.ts";
import type { WindowRow } from "../store/catalogStore.ts";
import type { TicketRow } from "../store/ticketStore.ts";
import type { HallContext, Tx } from "./context.ts";
import { waitingTicketOf } from "./queueIndex.ts";
import { todaysQueues } from "./dayEnd.ts";
import { markNoShow } from "./serving.ts";
import { getTicket } from "./tickets.ts";
import { moveTicket } from "./ticketTransition.ts";
import { staffRef, ticketView, waitingCounts, windowRef } from "./views.ts";
import { assertSignedInWindow, setWindowState, windowBusy, type Station } from "./windows.ts";

/**
 * The text of a call's announcement (`zh` "请 A001 号到 3 号窗口办理", `en` "Ticket A 0 0 1, please go to window 3"):
 * the same words the voice says (domain/announcement.ts builds both).
 */
export function announcement(number: string, windowNumber: number): { zh: string; en: string } {
  const spoken = spokenAnnouncement(number, windowNumber);
  return { zh: spoken.zh.text, en: spoken.en.text };
}

function assertCanCall(ctx: HallContext, station: Station) {
  const w = assertSignedInWindow(ctx, station.staffId, station.windowId);
  if (w.state === "paused") throw new AppError("invalid_state", `window ${w.number} is paused: resume first`);
  const busy = ctx.store.tickets.atWindow(w.id);
  if (busy) throw windowBusy(w.number, busy);
  return w;
}

/** This staff member at this window as the domain's call checks see them. */
function callerAt(ctx: HallContext, staffId: number, windowId: number): Caller {
  return { staffId, windowId, eligibleItems: ctx.catalog.eligibleItems(staffId, windowId) };
}

/** What the call policy needs of this caller at `now`: who, where, their items and the window's priority streak. */
function callContext(ctx: HallContext, staffId: number, w: WindowRow, nowMs: number): CallContext {
  return { ...callerAt(ctx, staffId, w.id), nowMs, priorityStreak: w.priority_streak };
}

/** Mark `t` called at the window inside `tx` and emit the call event. */
function callInto(
  ctx: HallContext,
  tx: Tx,
  t: TicketRow,
  station: Station & { windowId: number },
  reason: Exclude<CallReason, "recall">,
) {
  const updated = moveTicket(
    ctx,
    tx,
    t,
    { type: "call" },
    {
      set: {
        window_id: station.windowId,
        staff_id: station.staffId,
        first_staff_id: t.first_staff_id ?? station.staffId,
        target_staff_id: null,
        target_window_id: null,
        recall_count: 0,
      },
    },
  );
  const view = ticketView(ctx, updated);
  const waiting = { [view.itemCode]: Math.max(0, ctx.queues.countByItem(t.item_id) - 1) };
  emitCalled(ctx, tx, { view, waiting, windowId: station.windowId, staffId: station.staffId, recall: 0, reason });
  return view;
}

/** The event every call path emits: what the hall screen shows, the window screen updates and the voice says. */
function emitCalled(
  ctx: HallContext,
  tx: Tx,
  call: {
    view: TicketView;
    waiting: Record<string, number>;
    windowId: number;
    staffId: number;
    recall: number;
    reason: CallReason;
  },
): void {
  const window = windowRef(ctx, call.windowId);
  tx.emit({
    type: "ticket.called",
    data: {
      ticket: call.view,
      waiting: call.waiting,
      window,
      staff: staffRef(ctx, call.staffId),
      recall: call.recall,
      chosen: call.reason === "chosen",
      reason: call.reason,
      announcement: announcement(call.view.number, window.number),
    },
  });
}

/** Call the next ticket for this window by the call policy. */
export function callNext(ctx: HallContext, station: Station): TicketView {
  return ctx.commit((tx) => {
    const w = assertCanCall(ctx, station);
    const choice = selectNext(ctx.queues, callContext(ctx, station.staffId, w, tx.now), ctx.config.queue);
    if (!choice) throw new AppError("no_ticket", "nobody is waiting for the items this window serves");
    setWindowState(ctx, w.id, { priority_streak: choice.priorityStreak });
    return callInto(ctx, tx, getTicket(ctx, choice.ticketId), { ...station, windowId: w.id }, choice.rule);
  });
}

/** Call a chosen waiting ticket out of order (audited). */
export function callTicket(ctx: HallContext, station: Station, ticketId: number): TicketView {
  return ctx.commit((tx) => {
    const w = assertCanCall(ctx, station);
    const t = getTicket(ctx, ticketId);
    if (t.state !== "waiting") throw new AppError("invalid_state", `ticket ${t.number} is ${t.state}, not waiting`);
    // The same rule as call-next: a ticket transferred to this staff member or window may be taken whatever
    // its item; any other only when its item is served here. Worded with the printed number and the item code,
    // as staff see the ticket.
    const allowed = mayCall(waitingTicketOf(t), callerAt(ctx, station.staffId, w.id));
    if (!allowed.ok) throw new AppError("forbidden", refusal(ctx, allowed.why, t));
    ctx.store.audit.record(tx.now, `staff:${station.staffId}`, "call_chosen", {
      ticketId,
      number: t.number,
      windowId: w.id,
    });
    return callInto(ctx, tx, t, { ...station, windowId: w.id }, "chosen");
  });
}

/** A chosen call's refusal as staff read it: the ticket's printed number and its item's official code, never row ids. */
function refusal(ctx: HallContext, why: "other_staff" | "other_window" | "not_eligible", t: TicketRow): string {
  if (why === "other_staff") return `ticket ${t.number} was transferred to another staff member`;
  if (why === "other_window") return `ticket ${t.number} was transferred to another window`;
  const item = ctx.catalog.itemsById.get(t.item_id);
  return `ticket ${t.number}: item ${item ? `${item.code} (${item.name})` : "of this ticket"} is not served by this staff member at this window`;
}

/** Re-announce the called ticket; past `maxRecalls` recalls it becomes a no-show instead. */
export function recall(ctx: HallContext, station: Station): { ticket: TicketView; noShow: boolean } {
  return ctx.commit((tx) => {
    const w = assertSignedInWindow(ctx, station.staffId, station.windowId);
    const t = ctx.store.tickets.atWindow(w.id);
    if (!t || t.state !== "called")
      throw new AppError("invalid_state", `window ${w.number} has no called ticket to recall`);
    const outcome = recallOutcome(t.recall_count, ctx.config.queue.maxRecalls);
    if (outcome.action === "noShow") return { ticket: markNoShow(ctx, tx, t, w.id), noShow: true };
    const updated = moveTicket(ctx, tx, t, { type: "recall" }, { set: { recall_count: outcome.recalls } });
    const view = ticketView(ctx, updated);
    emitCalled(ctx, tx, {
      view,
      waiting: waitingCounts(ctx, [t.item_id]),
      windowId: w.id,
      staffId: station.staffId,
      recall: updated.recall_count,
      reason: "recall",
    });
    return { ticket: view, noShow: false };
  });
}

/** At most this many entries in the counter's waiting list (a hall rarely has more waiting for one window). */
const CALLABLE_LIMIT = 500;

/**
 * The waiting tickets this staff member may call at their window (`mayCall`: eligible items, or transferred to them
 * or their window), in the order "call next" would take them from now on (`callOrder` over the same waiting index
 * call-next reads, with this window's priority streak), at most 500.
 */
export function callableTickets(
  ctx: HallContext,
  staffId: number,
  windowId: number | null,
): { window: WindowRef; tickets: CallableTicket[] } {
  const w = assertSignedInWindow(ctx, staffId, windowId);
  const now = ctx.clock();
  const order = callOrder(todaysQueues(ctx, now), callContext(ctx, staffId, w, now), ctx.config.queue, CALLABLE_LIMIT);
  const tickets = order
    .map((d) => getTicket(ctx, d.ticketId))
    .map((t) => {
      // The client view's fields the list shows; no ID number and no public token.
      const { id, number, itemCode, itemName, priority, arrivedAt, nameMasked } = ticketView(ctx, t);
      const targeted = t.target_staff_id !== null || t.target_window_id !== null;
      return {
        id,
        number,
        itemCode,
        itemName,
        priority,
        arrivedAt,
        appointmentAt: t.appointment_at,
        targeted,
        nameMasked,
      };
    });
  return { window: windowRef(ctx, w.id), tickets };
}
