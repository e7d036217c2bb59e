/**
 * Expected wait of a waiting ticket or of a new one, as every answer shows it (the issue answer, the item-wait
 * query, the ticket and public status): the hall's forecast (waitForecast.ts) rounded for display.
 */
import { displayWait, type PriorityClass, type WaitInfo } from "@onewindow/contract";
import { expectedWaitMinutes } from "../domain/index.ts";
import type { HallContext } from "./context.ts";
import { todaysQueues } from "./dayEnd.ts";
import { forecasterOf, type TicketForecast } from "./waitForecast.ts";
import { servingWindows } from "./windows.ts";

/** Open (not paused) windows whose signed-in staff (with a live session) can serve `itemId`. */
export function qualifiedStaffCount(ctx: HallContext, itemId: number): number {
  return servingWindows(ctx, ctx.clock()).filter((w) => ctx.catalog.mayServe(w.staff_id, w.id, itemId)).length;
}

/**
 * For a waiting ticket (its forecast) or, with ticketId undefined, for a new ticket of the item and class. When no
 * open window may take the ticket (`staffed` false), the figure is the old rule's guess that one window opens:
 * people ahead × the item's handle estimate.
 */
export function waitInfo(
  ctx: HallContext,
  itemId: number,
  ticketId?: number,
  priority: Exclude<PriorityClass, "appointment"> = "normal",
): WaitInfo {
  const queues = todaysQueues(ctx, ctx.clock());
  const waiting = ticketId !== undefined ? queues.get(ticketId) : undefined;
  const peopleAhead = waiting ? queues.position(waiting.id) : queues.countByItem(itemId);
  const forecaster = forecasterOf(ctx);
  const forecast = waiting
    ? forecaster.ticket(waiting.id, itemId, waiting.priority)
    : forecaster.newTicket(itemId, priority);
  if (forecast.staffed) return { peopleAhead, ...displayWait(forecast), staffed: true };
  const { minutes } = expectedWaitMinutes({
    peopleAhead,
    qualifiedStaff: 0,
    handleMinutes: ctx.catalog.itemsById.get(itemId)?.handleEstimate ?? 10,
  });
  return {
    peopleAhead,
    expectedWaitMinutes: minutes,
    waitRangeMinutes: { low: minutes, high: minutes },
    staffed: false,
  };
}

/** The raw forecast of a waiting ticket (minutes, unrounded), as the hall-day simulator scores it. */
export function ticketForecast(ctx: HallContext, ticketId: number): TicketForecast | undefined {
  const t = todaysQueues(ctx, ctx.clock()).get(ticketId);
  return t && forecasterOf(ctx).ticket(t.id, t.itemId, t.priority);
}
