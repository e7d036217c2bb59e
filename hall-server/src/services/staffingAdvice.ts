/**
 * Staffing advice for the admin monitor (GET /api/staffing/advice): gathers the live state and the hall's history,
 * then asks domain/staffingAdvice.ts (Erlang C per item group) what each group needs.
 *
 *   today's tickets (store.tickets.arrivalsSince) -------------------------------------> arrival rate and trend
 *   the wait forecast's learner (services/waitForecast.ts: finished and in-progress services, the catalogue's
 *     typical minutes as its prior) ------------------------------------------------------> handle minutes per item
 *   today's waiting index ---------------------------------------------------------------> waiting per item
 *   open (and paused) windows with a live seat (services/windows.ts) + skills ∩ allowed items -> servers and their groups
 */
import type { StaffingAdvice } from "@onewindow/contract";
import { adviseStaffing, type GroupServer, type StaffingItem } from "../domain/index.ts";
import type { HallContext } from "./context.ts";
import { todaysQueues } from "./dayEnd.ts";
import { serviceDay } from "./serviceDay.ts";
import { forecasterOf } from "./waitForecast.ts";
import { pausedWindows, servingWindows } from "./windows.ts";

/** The advice at the hall's clock now (see the file comment for the inputs; the model is in the domain file). */
export function staffingAdvice(ctx: HallContext): StaffingAdvice {
  const now = ctx.clock();
  const day = serviceDay(ctx, now);
  const catalog = ctx.catalog;

  // The whole day's arrivals (a few thousand rows at most): the first one tells since when the hall has been counting.
  const today = ctx.store.tickets.arrivalsSince(day, 0);
  const arrivalsByItem = new Map<number, number[]>();
  for (const a of today) {
    const list = arrivalsByItem.get(a.item_id) ?? [];
    list.push(a.arrived_at);
    arrivalsByItem.set(a.item_id, list);
  }
  const queues = todaysQueues(ctx, now);
  const active = [...catalog.itemsById.values()].filter((i) => i.active);
  // The hall's one model of handle times: the forecast's learner (its history, services in progress, the prior).
  const learned = forecasterOf(ctx).learner.model(
    now,
    new Map(active.map((i) => [i.id, i.typicalMinutes])),
  ).handleTimes;
  const items: StaffingItem[] = active.map((i) => ({
    groupCode: i.groupCode,
    arrivalsMs: arrivalsByItem.get(i.id) ?? [],
    handleMinutes: learned.get(i.id)?.meanMinutes ?? i.typicalMinutes,
    waiting: queues.countByItem(i.id),
  }));

  const serverOf = (w: { id: number; staff_id: number }): GroupServer => ({
    windowNumber: catalog.windowsById.get(w.id)?.number ?? w.id,
    groups: [
      ...new Set([...catalog.eligibleItems(w.staff_id, w.id).keys()].map((id) => catalog.itemsById.get(id)!.groupCode)),
    ],
  });
  const servers = servingWindows(ctx, now).map(serverOf);
  const pausedServers = pausedWindows(ctx, now).map(serverOf);

  // Groups of the active items, in code order (a group whose items are all withdrawn needs no windows).
  const groupCodes = [...new Set(active.map((i) => i.groupCode))].sort();
  const groups = groupCodes.map((code) => {
    const g = catalog.groupsByCode.get(code);
    return { code, name: g?.name ?? code, targetWaitMinutes: g?.targetWaitMinutes ?? 15 };
  });
  return adviseStaffing({ nowMs: now, openedAt: today[0]?.arrived_at, groups, items, servers, pausedServers });
}
