/**
 * Staffing advice for the admin monitor (GET /api/staffing/advice): gathers the live state and the hall's history,
 * then asks domain/staffingAdvice.ts (Erlang C per item group) what each group needs.
 *
 *   today's tickets of the last ARRIVAL_WINDOW_MINUTES (store.demand.arrivals) ---------> arrival rate and trend
 *   finished services of the last HISTORY_DAYS days (store.demand.serviceTimes)
 *     + the catalogue's typical minutes (domain/handleTimes.ts) ------------------------> handle minutes per item
 *   today's waiting index ---------------------------------------------------------------> waiting per item
 *   open windows with a live seat (services/windows.ts) + skills ∩ allowed items --------> servers and their groups
 */
import type { StaffingAdvice } from "@onewindow/contract";
import { adviseStaffing, estimateHandleMinutes, type GroupServer, type StaffingItem } from "../domain/index.ts";
import type { HallContext } from "./context.ts";
import { todaysQueues } from "./dayEnd.ts";
import { serviceDay } from "./serviceDay.ts";
import { servingWindows } from "./windows.ts";

/** Minutes of arrivals the rate and its trend are read from. */
export const ARRIVAL_WINDOW_MINUTES = 60;
/** Days of finished services the handle times are learned from. */
export const HISTORY_DAYS = 14;
/** At most this many of the latest finished services are read (enough for every item of a busy hall). */
export const HISTORY_LIMIT = 20_000;

/** The advice at the hall's clock now (see the file comment for the inputs; the model is in the domain file). */
export function staffingAdvice(ctx: HallContext): StaffingAdvice {
  const now = ctx.clock();
  const day = serviceDay(ctx, now);
  const catalog = ctx.catalog;

  const arrivalsByItem = new Map<number, number[]>();
  for (const a of ctx.store.demand.arrivals(day, now - ARRIVAL_WINDOW_MINUTES * 60_000, now)) {
    const list = arrivalsByItem.get(a.item_id) ?? [];
    list.push(a.arrived_at);
    arrivalsByItem.set(a.item_id, list);
  }
  const observedByItem = new Map<number, number[]>();
  const fromDay = serviceDay(ctx, now - HISTORY_DAYS * 86_400_000);
  for (const s of ctx.store.demand.serviceTimes(fromDay, HISTORY_LIMIT)) {
    const list = observedByItem.get(s.item_id) ?? [];
    list.push(s.ms / 60_000);
    observedByItem.set(s.item_id, list);
  }
  const queues = todaysQueues(ctx, now);
  const active = [...catalog.itemsById.values()].filter((i) => i.active);
  const items: StaffingItem[] = active.map((i) => ({
    groupCode: i.groupCode,
    arrivalsMs: arrivalsByItem.get(i.id) ?? [],
    handleMinutes: estimateHandleMinutes(observedByItem.get(i.id) ?? [], i.typicalMinutes).minutes,
    waiting: queues.countByItem(i.id),
  }));

  const servers: GroupServer[] = servingWindows(ctx, now).map((w) => ({
    windowNumber: catalog.windowsById.get(w.id)?.number ?? w.id,
    groups: [
      ...new Set([...catalog.eligibleItems(w.staff_id, w.id).keys()].map((id) => catalog.itemsById.get(id)!.groupCode)),
    ],
  }));

  // Groups of the active items, in code order (a group whose items are all withdrawn needs no windows).
  const groupCodes = [...new Set(active.map((i) => i.groupCode))].sort();
  const groups = groupCodes.map((code) => {
    const g = catalog.groupsByCode.get(code);
    return { code, name: g?.name ?? code, targetWaitMinutes: g?.targetWaitMinutes ?? 15 };
  });
  return adviseStaffing({ nowMs: now, openedAt: ctx.store.demand.firstArrival(day), groups, items, servers });
}
