/** Expected wait of a waiting ticket or of a new one, from position, qualified staff signed in and handle times. */
import type { WaitInfo } from "@onewindow/contract";
import { expectedWaitMinutes } from "../domain/index.ts";
import type { HallContext } from "./context.ts";
import { todaysQueues } from "./dayEnd.ts";
import { servingWindows } from "./windows.ts";

/** Open (not paused) windows whose signed-in staff (with a live session) can serve `itemId`. */
export function qualifiedStaffCount(ctx: HallContext, itemId: number): number {
  return servingWindows(ctx, ctx.clock()).filter((w) => ctx.catalog.mayServe(w.staff_id, w.id, itemId)).length;
}

/** For a waiting ticket (its position) or, with ticketId undefined, for a new ticket of the item. */
export function waitInfo(ctx: HallContext, itemId: number, ticketId?: number): WaitInfo {
  const queues = todaysQueues(ctx, ctx.clock());
  const peopleAhead =
    ticketId !== undefined && queues.has(ticketId) ? queues.position(ticketId) : queues.countByItem(itemId);
  const item = ctx.catalog.itemsById.get(itemId);
  const { minutes, staffed } = expectedWaitMinutes({
    peopleAhead,
    qualifiedStaff: qualifiedStaffCount(ctx, itemId),
    handleMinutes: item?.handleEstimate ?? 10,
  });
  return { peopleAhead, expectedWaitMinutes: Math.round(minutes), staffed };
}
