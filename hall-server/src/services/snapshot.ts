/**
 * The hall as a reconnecting client needs it: windows with staff and current ticket, waiting counts, recent calls,
 * the scrolling notices in force.
 */
import type { HallSnapshot, WindowView } from "@onewindow/contract";
import type { HallContext } from "./context.ts";
import { todaysQueues } from "./dayEnd.ts";
import { noticesInForce } from "./notices.ts";
import { staffRef, ticketView } from "./views.ts";
import { hasLiveSeat } from "./windows.ts";

export function snapshot(ctx: HallContext): HallSnapshot {
  // Read in one transaction so seq and state agree.
  return ctx.store.transaction(() => {
    const seq = ctx.events.lastSeq();
    const now = ctx.clock();
    const queues = todaysQueues(ctx, now);
    const windows: WindowView[] = ctx.store.windows.active().map((w) => {
      const current = ctx.store.tickets.atWindow(w.id);
      // A seat whose session ended shows as closed at once, before the housekeeping sweep frees it.
      const live = hasLiveSeat(ctx, w, now);
      return {
        id: w.id,
        number: w.number,
        name: w.name,
        area: w.area,
        floor: w.floor,
        state: live ? w.state : "closed",
        pauseReason: live ? w.pause_reason : null,
        staff: live && w.staff_id !== null ? staffRef(ctx, w.staff_id) : null,
        current: current ? ticketView(ctx, current) : null,
        held: ctx.store.tickets.heldAtWindow(w.id).map((t) => ticketView(ctx, t)),
      };
    });
    const waiting: Record<string, number> = {};
    for (const item of ctx.catalog.itemsById.values())
      if (item.active) waiting[item.code] = queues.countByItem(item.id);
    const recentCalls = ctx.events.recentCalls(10);
    return {
      seq,
      hallName: ctx.config.hallName,
      timeZone: ctx.config.timeZone,
      windows,
      waiting,
      recentCalls,
      notices: noticesInForce(ctx, now),
    };
  });
}
