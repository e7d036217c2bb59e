/** Serving the called ticket: start, finish (with the items handled), no-show, transfer, hold and unhold. */
import type { TicketView, TransferBody } from "@onewindow/contract";
import { updateHandleEstimate } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import type { TicketRow } from "../store/ticketStore.ts";
import type { HallContext, Tx } from "./context.ts";
import { recordServices } from "./serviceRecords.ts";
import { getTicket } from "./tickets.ts";
import { moveTicket } from "./ticketTransition.ts";
import { staffRef, ticketView, waitingCounts, windowRef } from "./views.ts";
import { assertSignedInWindow, windowBusy, type Station } from "./windows.ts";

/** The ticket the station is calling or serving, or a clear refusal. */
function currentTicket(ctx: HallContext, station: Station): { t: TicketRow; windowId: number } {
  const w = assertSignedInWindow(ctx, station.staffId, station.windowId);
  const t = ctx.store.tickets.atWindow(w.id);
  if (!t) throw new AppError("no_ticket", `window ${w.number} has no called or serving ticket`);
  return { t, windowId: w.id };
}

export function startService(ctx: HallContext, station: Station): TicketView {
  return ctx.commit((tx) => {
    const { t, windowId } = currentTicket(ctx, station);
    const updated = moveTicket(ctx, tx, t, { type: "start" });
    const view = ticketView(ctx, updated);
    tx.emit({
      type: "ticket.started",
      data: { ticket: view, waiting: {}, window: windowRef(ctx, windowId), staff: staffRef(ctx, station.staffId) },
    });
    return view;
  });
}

/**
 * Finish the service, recording which items were handled (and one service record per handled item, for its rating);
 * feeds the moving handle-time estimate.
 */
export function finishService(ctx: HallContext, station: Station, handledItemCodes?: string[]): TicketView {
  return ctx.commit((tx) => {
    const { t, windowId } = currentTicket(ctx, station);
    const codes = handledItemCodes ?? [ctx.catalog.itemsById.get(t.item_id)!.code];
    const handled = codes.map((code) => {
      const item = ctx.catalog.item(code);
      if (!item) throw new AppError("bad_request", `handledItemCodes: unknown item ${code}`);
      return item;
    });
    const store = ctx.store.tickets;
    const start = store.lastServingStart(t.id) ?? t.state_at;
    const updated = moveTicket(ctx, tx, t, { type: "finish" }, { handled: handled.some((i) => i.id === t.item_id) });
    // Extra items handled in the same visit (一窗综合受理) are recorded as handled requests of this ticket.
    for (const item of handled.filter((i) => i.id !== t.item_id))
      store.addHandledRequest(t.id, item.id, start, tx.now, "handled in the same visit");
    // One service record per handled item (好差评), with its outbox rows, in this same transaction.
    recordServices(ctx, tx, { ticket: t, handled, windowId, staffId: station.staffId, start, end: tx.now });
    const minutes = (tx.now - start) / 60_000;
    const item = ctx.catalog.itemsById.get(t.item_id)!;
    const estimate = updateHandleEstimate(item.handleEstimate, minutes / handled.length || minutes);
    ctx.store.catalog.setHandleEstimate(item.id, estimate);
    tx.after(() => (item.handleEstimate = estimate));
    const view = ticketView(ctx, updated);
    tx.emit({
      type: "ticket.finished",
      data: {
        ticket: view,
        waiting: {},
        window: windowRef(ctx, windowId),
        staff: staffRef(ctx, station.staffId),
        handledItemCodes: handled.map((i) => i.code),
      },
    });
    return view;
  });
}

/** Mark a called ticket a no-show inside `tx` (also used by recall past the limit). */
export function markNoShow(ctx: HallContext, tx: Tx, t: TicketRow, windowId: number): TicketView {
  const updated = moveTicket(ctx, tx, t, { type: "noShow" });
  const view = ticketView(ctx, updated);
  tx.emit({ type: "ticket.no_show", data: { ticket: view, waiting: {}, window: windowRef(ctx, windowId) } });
  return view;
}

export function noShow(ctx: HallContext, station: Station): TicketView {
  return ctx.commit((tx) => {
    const { t, windowId } = currentTicket(ctx, station);
    return markNoShow(ctx, tx, t, windowId);
  });
}

/**
 * Transfer to another item, optionally to a specific staff member or window. The ticket keeps its number and
 * arrival time; the first handler stays on record (first_staff_id); the closed request is marked "transferred".
 * Throws AppError `not_found` (unknown item, staff member or window) or `conflict` (the target cannot serve the item,
 * or nobody in the hall ever could: no window serves it or nobody is qualified).
 */
export function transferTicket(ctx: HallContext, station: Station, body: TransferBody): TicketView {
  return ctx.commit((tx) => {
    const { t } = currentTicket(ctx, station);
    const item = ctx.catalog.item(body.itemCode);
    if (!item) throw new AppError("not_found", `no active service item with code ${body.itemCode}`);
    const toStaff = body.toEmployeeNo === undefined ? undefined : ctx.catalog.staffByNo.get(body.toEmployeeNo);
    if (body.toEmployeeNo !== undefined && !toStaff?.active)
      throw new AppError("not_found", `no active staff member ${body.toEmployeeNo}`);
    if (toStaff && !toStaff.skills.has(item.id))
      throw new AppError("conflict", `${toStaff.name} is not qualified for ${item.name}`);
    const toWindow =
      body.toWindowNumber === undefined ? undefined : ctx.catalog.windowsByNumber.get(body.toWindowNumber);
    if (body.toWindowNumber !== undefined && !toWindow?.active)
      throw new AppError("not_found", `no window ${body.toWindowNumber}`);
    if (toWindow && toWindow.allowedItemIds !== null && !toWindow.allowedItemIds.has(item.id))
      throw new AppError("conflict", `window ${toWindow.number} does not serve ${item.name}`);
    // A citizen must never be sent into a queue nobody could ever call: refused when the catalogue has no window
    // for the item or nobody qualified for it. Qualified staff who are not signed in right now may still sign in
    // today (a late start, a break), so that is no refusal: the ticket waits, keeping its arrival time.
    const servable = ctx.catalog.windowsServing(item.id).length > 0;
    const qualified = [...ctx.catalog.staffById.values()].some((s) => s.active && s.skills.has(item.id));
    const never = "so nobody could ever call the ticket; transfer to another item";
    if (!servable) throw new AppError("conflict", `${item.name}: no window in this hall serves it, ${never}`);
    if (!qualified)
      throw new AppError("conflict", `${item.name}: no staff member in this hall is qualified for it, ${never}`);

    // The ticket keeps its id, number and arrival (so its place by arrival in the new queue); only the given
    // targets may take it.
    const updated = moveTicket(
      ctx,
      tx,
      t,
      { type: "transfer" },
      {
        set: {
          item_id: item.id,
          window_id: null,
          staff_id: null,
          target_staff_id: toStaff?.id ?? null,
          target_window_id: toWindow?.id ?? null,
          recall_count: 0,
        },
        request: { itemId: item.id, note: body.note },
      },
    );
    const view = ticketView(ctx, updated);
    const from = ctx.catalog.itemsById.get(t.item_id)!;
    tx.emit({
      type: "ticket.transferred",
      data: {
        ticket: view,
        waiting: { ...waitingCounts(ctx, [t.item_id]), [item.code]: ctx.queues.countByItem(item.id) + 1 },
        fromItemCode: from.code,
        toItemCode: item.code,
        toEmployeeNo: toStaff?.employeeNo ?? null,
        toWindowNumber: toWindow?.number ?? null,
        note: body.note,
      },
    });
    return view;
  });
}

/** Put the serving ticket on hold (citizen fetching a document); the window may call the next one meanwhile. */
export function holdTicket(ctx: HallContext, station: Station): TicketView {
  return ctx.commit((tx) => {
    const { t, windowId } = currentTicket(ctx, station);
    const updated = moveTicket(ctx, tx, t, { type: "hold" });
    const view = ticketView(ctx, updated);
    tx.emit({ type: "ticket.held", data: { ticket: view, waiting: {}, window: windowRef(ctx, windowId) } });
    return view;
  });
}

/** Resume a held ticket at this window, which must be free. */
export function unholdTicket(ctx: HallContext, station: Station, ticketId: number): TicketView {
  return ctx.commit((tx) => {
    const w = assertSignedInWindow(ctx, station.staffId, station.windowId);
    const t = getTicket(ctx, ticketId);
    if (t.window_id !== w.id) throw new AppError("forbidden", `ticket ${t.number} is not held at window ${w.number}`);
    const busy = ctx.store.tickets.atWindow(w.id);
    if (busy) throw windowBusy(w.number, busy);
    const updated = moveTicket(ctx, tx, t, { type: "unhold" }, { set: { staff_id: station.staffId } });
    const view = ticketView(ctx, updated);
    tx.emit({ type: "ticket.unheld", data: { ticket: view, waiting: {}, window: windowRef(ctx, w.id) } });
    return view;
  });
}
