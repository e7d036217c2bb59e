/**
 * Staffing advice (临时增开窗口): how many windows each item group needs to keep its expected wait under its target,
 * and whether to open or close one now, before the queue builds.
 *
 *   per item: arrival times (last hour), mean handle minutes, tickets waiting
 *     -> per group: planning arrival rate (arrivalTrend.ts: the trend of the last hour, projected 30 min ahead),
 *        arrival-weighted mean handle minutes, offered load a = λ s (erlangs)
 *   staff signed in at open windows, with the groups they may serve
 *     -> sharedServers.ts: a shared person is one server, their time split between their groups (shares sum to 1)
 *     -> each group's pool: the windows that may serve it, whole, plus the work the other groups bring to the shared
 *        ones (each other group's share of a shared person × how busy that group keeps its time)
 *   -> Erlang C on the pool (erlangC.ts): the group's expected wait, and the fewest whole windows with Wq ≤ the
 *      group's target wait AND the people already waiting called within the target (waiting × s ÷ windows ≤ target:
 *      a queue that has built up is not in steady state)
 *   -> advice: open when more windows are needed than the pool has; close when a window fewer would still keep the
 *      wait under half the target (half, so the advice does not flip back and forth), arrivals are not rising, and
 *      one window stays; otherwise keep.
 *
 * Model and its limits: each pool is an M/M/c queue (Poisson arrivals, exponential handle times, first come first
 * served) in steady state; the priority classes and the call policy reorder who waits but not how much waiting there
 * is in total, so the mean wait is what Erlang C gives. Real handle times vary less or more than exponential ones
 * (lognormal, cv often 0.5–1), so the wait is an estimate of the right size, not a promise. Where every window serves
 * every group (一窗综合受理) the pools are the whole hall and the reading is exact Erlang C for it. Where staff are
 * partly shared, the fixed split ignores that a shared person serves whichever group has waited longest, which pools
 * the groups further: the reading is then too long, and the advice opens early rather than late (measured in
 * simulation/staffingAdvice.sim.test.ts).
 */
import type { Explanation, GroupAdvice, StaffingAdvice } from "@onewindow/contract";
import { estimateArrivalTrend, type ArrivalTrend } from "./arrivalTrend.ts";
import { erlangC, MAX_SERVERS, serversForTarget, type MmcQueue } from "./erlangC.ts";
import { capacityByGroup, splitServers, type GroupServer } from "./sharedServers.ts";

/** An item group as the catalogue lists it. */
export interface StaffingGroup {
  code: string;
  name: string;
  /** Minutes, > 0 (the catalogue's default is 15). */
  targetWaitMinutes: number;
}

/** What the hall knows about one item now. */
export interface StaffingItem {
  groupCode: string;
  /** Arrival times (epoch ms) of the item's tickets in the last hour or more; older ones are ignored. */
  arrivalsMs: readonly number[];
  /** Mean handle minutes (learned by forecast/handleTimes.ts), > 0. */
  handleMinutes: number;
  /** Tickets of the item waiting now. */
  waiting: number;
}

/** Inputs of `adviseStaffing`. */
export interface StaffingInput {
  nowMs: number;
  /** Epoch ms of today's first ticket (counting arrivals starts there); undefined when none came yet. */
  openedAt?: number;
  groups: readonly StaffingGroup[];
  items: readonly StaffingItem[];
  /** Open windows whose staff member is signed in (paused ones are not serving and are left out). */
  servers: readonly GroupServer[];
  /** Paused windows whose staff member is still signed in: the quickest windows to open. */
  pausedServers?: readonly GroupServer[];
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
const minutesText = (m: number): string => String(Math.round(m));

/**
 * The fewest whole windows that meet `target` (minutes) for a queue with these rates, and call the work already
 * waiting (`backlogMinutes` of handling) within the target too; null beyond any hall.
 */
function windowsFor(rates: Omit<MmcQueue, "servers">, backlogMinutes: number, target: number): number | null {
  const found = serversForTarget(rates, { meanWaitMinutes: target });
  if (!found) return null;
  return Math.min(MAX_SERVERS, Math.max(found.servers, Math.ceil(backlogMinutes / target)));
}

/**
 * The advice for every group of `input.groups` (in that order); see the file comment for the model and the rules.
 * Items of a group not listed are ignored. Throws RangeError on a non-finite time, a handle time ≤ 0 or a target
 * ≤ 0.
 */
export function adviseStaffing(input: StaffingInput): StaffingAdvice {
  const { nowMs } = input;
  const perGroup = new Map<string, { rate: ArrivalTrend; handleMinutes: number; waiting: number }>();
  for (const g of input.groups) {
    if (!(g.targetWaitMinutes > 0 && Number.isFinite(g.targetWaitMinutes)))
      throw new RangeError(`target wait of group ${g.code} must be a finite number > 0, got ${g.targetWaitMinutes}`);
    const items = input.items.filter((i) => i.groupCode === g.code);
    for (const i of items)
      if (!(i.handleMinutes > 0 && Number.isFinite(i.handleMinutes)))
        throw new RangeError(`handle minutes of an item of group ${g.code} must be finite > 0, got ${i.handleMinutes}`);
    const options = { openedAt: input.openedAt ?? nowMs };
    const rate = estimateArrivalTrend(
      items.flatMap((i) => i.arrivalsMs),
      nowMs,
      options,
    );
    // The group's handle time weights each item by its share of the arrivals (equally when none arrived).
    const counts = items.map((i) => estimateArrivalTrend(i.arrivalsMs, nowMs, options).count);
    const total = counts.reduce((s, n) => s + n, 0);
    const handleMinutes =
      items.length === 0
        ? 1
        : items.reduce((s, i, k) => s + i.handleMinutes * (total > 0 ? counts[k]! / total : 1 / items.length), 0);
    perGroup.set(g.code, { rate, handleMinutes, waiting: items.reduce((s, i) => s + i.waiting, 0) });
  }
  const load = new Map([...perGroup].map(([code, p]) => [code, p.rate.planningPerMinute * p.handleMinutes]));
  const known = new Set(perGroup.keys());
  const shares = splitServers(
    input.servers.map((s) => ({ windowNumber: s.windowNumber, groups: s.groups.filter((g) => known.has(g)) })),
    load,
  );
  const capacity = capacityByGroup(shares);
  // How busy each group keeps the time it gets (at most 1: a saturated group keeps its shares busy all the time).
  const busyShare = new Map(
    [...load].map(([code, a]) => [code, (capacity.get(code) ?? 0) > 0 ? Math.min(1, a / capacity.get(code)!) : 1]),
  );

  const groups = input.groups.map((g): GroupAdvice => {
    const { rate, handleMinutes: s, waiting } = perGroup.get(g.code)!;
    const lambda = rate.planningPerMinute;
    const windowsNow = capacity.get(g.code) ?? 0;
    // The group's pool: every window that may serve it, whole. Its shared people also serve other groups for the
    // share of their time the split gives those groups, at those groups' busyness: that work joins this queue.
    const pool = [...shares].filter(([, m]) => m.has(g.code));
    let otherLoad = 0;
    let otherRate = 0;
    for (const [, m] of pool)
      for (const [h, x] of m)
        if (h !== g.code && x > 0) {
          const busy = x * busyShare.get(h)!;
          otherLoad += busy;
          otherRate += busy / perGroup.get(h)!.handleMinutes;
        }
    const poolRate = lambda + otherRate;
    const poolHandle = poolRate > 0 ? (lambda * s + otherLoad) / poolRate : s;
    const rates = { arrivalsPerMinute: poolRate, handleMinutes: poolHandle };
    const now = erlangC({ ...rates, servers: pool.length });
    const needed = windowsFor(rates, waiting * s, g.targetWaitMinutes);
    const queueClearMinutes = windowsNow > 0 ? (waiting * s) / windowsNow : null;
    let action: GroupAdvice["action"] = "keep";
    let actionWindows = 0;
    if (needed === null || needed > pool.length) {
      action = "open";
      actionWindows = needed === null ? 1 : needed - pool.length;
    } else if (rate.trend !== "rising") {
      const relaxed = windowsFor(rates, waiting * s, g.targetWaitMinutes / 2);
      // Never the last window: a group with nobody coming now still gets served when someone does.
      const spare = relaxed === null ? 0 : Math.min(pool.length - relaxed, pool.length - 1);
      if (spare >= 1) {
        action = "close";
        actionWindows = spare;
      }
    }
    const windows = [...shares]
      .filter(([, m]) => m.has(g.code))
      .map(([number, m]) => ({ number, share: round(m.get(g.code)!, 3) }))
      .sort((x, y) => x.number - y.number);
    const pausedWindows = (input.pausedServers ?? [])
      .filter((p) => p.groups.includes(g.code))
      .map((p) => p.windowNumber)
      .sort((x, y) => x - y);
    const advice: Omit<GroupAdvice, "reason"> = {
      code: g.code,
      name: g.name,
      targetWaitMinutes: g.targetWaitMinutes,
      arrivals: {
        perHour: round(rate.perMinute * 60, 1),
        earlierPerHour: round(rate.earlierPerMinute * 60, 1),
        recentPerHour: round(rate.recentPerMinute * 60, 1),
        trend: rate.trend,
        planningPerHour: round(lambda * 60, 1),
        spanMinutes: round(rate.spanMinutes, 1),
      },
      handleMinutes: round(s, 1),
      offeredLoad: round(lambda * s),
      waiting,
      windows,
      windowsNow: round(windowsNow),
      pausedWindows,
      stable: now.stable,
      expectedWaitMinutes: now.stable ? round(now.meanWaitMinutes, 1) : null,
      queueClearMinutes: queueClearMinutes === null ? null : round(queueClearMinutes, 1),
      windowsNeeded: needed,
      action,
      actionWindows,
    };
    return { ...advice, reason: explain(advice, otherLoad) };
  });
  return { computedAt: nowMs, windowsServing: input.servers.length, groups };
}

/** The plain-words reason: what comes in, what the windows can do, what to do. */
function explain(a: Omit<GroupAdvice, "reason">, otherLoad: number): Explanation {
  const zh: string[] = [];
  const en: string[] = [];
  const r = a.arrivals;
  if (r.perHour === 0 && a.waiting === 0) {
    zh.push(`「${a.name}」近${minutesText(r.spanMinutes)}分钟没有人来，也没有人在等。`);
    en.push(`Nobody came for ${a.name} in the last ${minutesText(r.spanMinutes)} min and nobody waits.`);
  } else {
    zh.push(
      `「${a.name}」近${minutesText(r.spanMinutes)}分钟每小时约来${r.perHour}人，平均每人办理${a.handleMinutes}分钟。`,
    );
    en.push(
      `${a.name}: about ${r.perHour} people/hour in the last ${minutesText(r.spanMinutes)} min, ${a.handleMinutes} min each.`,
    );
    if (r.trend === "rising") {
      zh.push(
        `来人正在增多（前半段每小时${r.earlierPerHour}人，后半段${r.recentPerHour}人），按此估计接下来半小时每小时约${r.planningPerHour}人。`,
      );
      en.push(
        `Arrivals are rising (${r.earlierPerHour}/h, then ${r.recentPerHour}/h); planning for about ${r.planningPerHour}/h over the next 30 min.`,
      );
    } else if (r.trend === "falling") {
      zh.push(`来人正在减少（前半段每小时${r.earlierPerHour}人，后半段${r.recentPerHour}人）。`);
      en.push(`Arrivals are falling (${r.earlierPerHour}/h, then ${r.recentPerHour}/h).`);
    }
  }
  const n = a.windows.length;
  const other = Math.round(otherLoad * 10) / 10;
  const nowZh = `现有${n}个窗口可以办理${other > 0 ? `（与其他事项共用，其他事项约占${other}个窗口的时间）` : ""}`;
  const nowEn = `${n} window${n === 1 ? "" : "s"} can serve it${other > 0 ? ` (shared: other groups take about ${other} windows' worth of their time)` : ""}`;
  if (n === 0 && (a.offeredLoad > 0 || a.waiting > 0)) {
    zh.push(`现在没有能办理的窗口开着${a.waiting > 0 ? `，已有${a.waiting}人在等` : ""}。`);
    en.push(`No window that can serve it is open${a.waiting > 0 ? `; ${a.waiting} already wait` : ""}.`);
  } else if (!a.stable) {
    zh.push(`${nowZh}，处理不过来，队伍会越排越长。`);
    en.push(`${nowEn}; they cannot keep up: the queue will keep growing.`);
  } else if (a.expectedWaitMinutes !== null && a.offeredLoad > 0) {
    zh.push(
      `${nowZh}，预计平均等待约${minutesText(a.expectedWaitMinutes)}分钟（目标${a.targetWaitMinutes}分钟以内）。`,
    );
    en.push(
      `${nowEn}; the expected wait is about ${minutesText(a.expectedWaitMinutes)} min (target: ${a.targetWaitMinutes} min).`,
    );
  }
  if (a.waiting > 0 && a.queueClearMinutes !== null && a.queueClearMinutes > a.targetWaitMinutes) {
    zh.push(`已有${a.waiting}人在等，按现有窗口约需${minutesText(a.queueClearMinutes)}分钟才能叫完。`);
    en.push(
      `${a.waiting} already wait: about ${minutesText(a.queueClearMinutes)} min to call them all with the windows open now.`,
    );
  }
  if (a.action === "open") {
    zh.push(
      a.windowsNeeded === null
        ? `建议尽快增开窗口。`
        : `需要${a.windowsNeeded}个窗口，建议增开${a.actionWindows}个窗口（或请能办理此类事项的人员上岗）。`,
    );
    en.push(
      a.windowsNeeded === null
        ? `Open more windows now.`
        : `It needs ${a.windowsNeeded} windows: open ${a.actionWindows} more (or sign in staff who can serve it).`,
    );
    if (a.pausedWindows.length > 0) {
      zh.push(`已暂停的${a.pausedWindows.join("、")}号窗口可以办理，可先恢复。`);
      en.push(
        `Paused window${a.pausedWindows.length > 1 ? "s" : ""} ${a.pausedWindows.join(", ")} can serve it: resume first.`,
      );
    }
  } else if (a.action === "close") {
    zh.push(`少开${a.actionWindows}个窗口，预计等待仍在目标的一半以内，可关闭或改办其他事项。`);
    en.push(
      `With ${a.actionWindows} window(s) fewer the wait would stay under half the target: close or reassign them.`,
    );
  } else {
    zh.push(a.offeredLoad > 0 || a.waiting > 0 ? `窗口数合适，保持现状。` : `无需调整。`);
    en.push(a.offeredLoad > 0 || a.waiting > 0 ? `The number of windows is right: keep it.` : `Nothing to change.`);
  }
  return { "zh-CN": zh.join(""), en: en.join(" ") };
}
