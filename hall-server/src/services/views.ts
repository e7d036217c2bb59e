/** Rows -> the contract's client views. Only masked personal data ever leaves here. */
import type { StaffRef, TicketView, WindowRef } from "@onewindow/contract";
import type { TicketRow } from "../store/ticketStore.ts";
import type { HallContext } from "./context.ts";

export function ticketView(ctx: HallContext, t: TicketRow): TicketView {
  const item = ctx.catalog.itemsById.get(t.item_id);
  return {
    id: t.id,
    number: t.number,
    itemCode: item?.code ?? "",
    itemName: item?.name ?? "",
    state: t.state,
    priority: t.priority,
    channel: t.channel,
    agent: t.agent === 1,
    arrivedAt: t.arrived_at,
    windowNumber: t.window_id === null ? null : (ctx.catalog.windowsById.get(t.window_id)?.number ?? null),
    recallCount: t.recall_count,
    nameMasked: t.name_masked,
    idMasked: t.id_masked,
    publicToken: t.public_token,
  };
}

export function windowRef(ctx: HallContext, windowId: number): WindowRef {
  const w = ctx.catalog.windowsById.get(windowId);
  if (!w) throw new Error(`unknown window id ${windowId}`);
  return { id: w.id, number: w.number, name: w.name };
}

export function staffRef(ctx: HallContext, staffId: number): StaffRef {
  const s = ctx.catalog.staffById.get(staffId);
  if (!s) throw new Error(`unknown staff id ${staffId}`);
  return { employeeNo: s.employeeNo, name: s.name };
}

/** Waiting counts of the given items, keyed by item code. */
export function waitingCounts(ctx: HallContext, itemIds: Iterable<number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of itemIds) {
    const item = ctx.catalog.itemsById.get(id);
    if (item) out[item.code] = ctx.queues.countByItem(id);
  }
  return out;
}
