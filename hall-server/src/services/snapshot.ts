/** The hall as a reconnecting client needs it: windows with staff and current ticket, waiting counts, recent calls. */
import type { HallEvent, HallSnapshot, WindowView } from "@onewindow/contract";
import type { WindowRow } from "../store/catalogStore.ts";
import { prepared } from "../store/prepared.ts";
import type { HallContext } from "./context.ts";
import { ticketStore } from "./tickets.ts";
import { staffRef, ticketView } from "./views.ts";
import { hasLiveSeat } from "./windows.ts";

export function snapshot(ctx: HallContext): HallSnapshot {
  // Read in one transaction so seq and state agree.
  return ctx.db.transaction(() => {
    const seq = ctx.events.lastSeq();
    const now = ctx.clock();
    const windows: WindowView[] = prepared<[], WindowRow>(
      ctx.db,
      "SELECT * FROM windows WHERE active = 1 ORDER BY number",
    )
      .all()
      .map((w) => {
        const current = ticketStore(ctx).atWindow(w.id);
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
          held: ticketStore(ctx)
            .heldAtWindow(w.id)
            .map((t) => ticketView(ctx, t)),
        };
      });
    const waiting: Record<string, number> = {};
    for (const item of ctx.catalog.itemsById.values())
      if (item.active) waiting[item.code] = ctx.queues.countByItem(String(item.id));
    const recentCalls = prepared<[], { seq: number; at: number; type: string; data: string }>(
      ctx.db,
      "SELECT seq, at, type, data FROM events WHERE type = 'ticket.called' ORDER BY seq DESC LIMIT 10",
    )
      .all()
      .map((r) => ({ seq: r.seq, at: r.at, type: r.type, data: JSON.parse(r.data) as unknown }) as HallEvent)
      .filter((e): e is Extract<HallEvent, { type: "ticket.called" }> => e.type === "ticket.called");
    return { seq, hallName: ctx.config.hallName, windows, waiting, recentCalls };
  })();
}
