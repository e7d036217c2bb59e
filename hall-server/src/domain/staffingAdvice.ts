/**
 * Staffing advice (临时增开窗口): how many windows each item group needs to keep its expected wait under its target,
 * and whether to open or close one now, before the queue builds.
 *
 *   per item: arrival times (last hour), mean handle minutes, tickets waiting
 *     -> per group: planning arrival rate (arrivalRate.ts: the trend of the last hour, projected 30 min ahead),
 *        arrival-weighted mean handle minutes, offered load a = λ s (erlangs)
 *   staff signed in at open windows, with the groups they may serve
 *     -> each group's windows' worth of time (sharedServers.ts: a shared person is one server, split)
 *   -> Erlang C per group (erlangC.ts): expected wait with the time it has, and the windows it needs:
 *      the fewest whole windows with Wq ≤ the group's target wait AND with the people already waiting called within
 *      the target (waiting × s ÷ windows ≤ target), since a queue that has built up is not in steady state
 *   -> advice: open when the need exceeds the time the group has (by more than a tenth of a window); close when a
 *      window fewer would still keep the wait under half the target (half, so advice does not flip back and forth)
 *      and arrivals are not rising; otherwise keep.
 *
 * Model and its limits: each group is an M/M/c queue (Poisson arrivals, exponential handle times, first come first
 * served) in steady state; the priority classes and the call policy reorder who waits but not how much waiting there
 * is in total, so the mean wait of a group is what Erlang C gives. Real handle times vary less or more than
 * exponential ones (lognormal, cv often 0.5–1), so the wait is an estimate of the right size, not a promise.
 */
import type { Explanation, GroupAdvice, StaffingAdvice } from "@onewindow/contract";
import { estimateArrivalTrend, type ArrivalTrend } from "./arrivalTrend.ts";
import { MAX_SERVERS, meanWaitWithFractionalServers, serversForTarget } from "./erlangC.ts";
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
}

/** Below this shortfall (windows' worth of time) no window is worth opening: a shared person's shift covers it. */
export const OPEN_TOLERANCE = 0.1;

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
const minutesText = (m: number): string => String(Math.round(m));

/** The fewest whole windows that meet `target` at rate λ with handle s, with the waiting people called in time. */
function windowsFor(perMinute: number, s: number, waiting: number, target: number): number | null {
  const found = serversForTarget({ arrivalsPerMinute: perMinute, handleMinutes: s }, { meanWaitMinutes: target });
  if (!found) return null;
  return Math.min(MAX_SERVERS, Math.max(found.servers, Math.ceil((waiting * s) / target)));
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

  const groups = input.groups.map((g): GroupAdvice => {
    const { rate, handleMinutes: s, waiting } = perGroup.get(g.code)!;
    const lambda = rate.planningPerMinute;
    const windowsNow = capacity.get(g.code) ?? 0;
    const wait = meanWaitWithFractionalServers({ arrivalsPerMinute: lambda, handleMinutes: s }, windowsNow);
    const stable = Number.isFinite(wait);
    const needed = windowsFor(lambda, s, waiting, g.targetWaitMinutes);
    const queueClearMinutes = windowsNow > 0 ? (waiting * s) / windowsNow : null;
    let action: GroupAdvice["action"] = "keep";
    let actionWindows = 0;
    if (needed === null || needed - windowsNow > OPEN_TOLERANCE) {
      action = "open";
      actionWindows = needed === null ? 1 : Math.ceil(needed - windowsNow - OPEN_TOLERANCE);
    } else if (rate.trend !== "rising") {
      const relaxed = windowsFor(lambda, s, waiting, g.targetWaitMinutes / 2);
      // Never the last window: a group with nobody coming now still gets served when someone does.
      const spare =
        relaxed === null
          ? 0
          : Math.min(Math.floor(windowsNow - relaxed + OPEN_TOLERANCE), Math.floor(windowsNow + OPEN_TOLERANCE) - 1);
      if (spare >= 1) {
        action = "close";
        actionWindows = spare;
      }
    }
    const windows = [...shares]
      .filter(([, m]) => m.has(g.code))
      .map(([number, m]) => ({ number, share: round(m.get(g.code)!, 3) }))
      .sort((x, y) => x.number - y.number);
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
      stable,
      expectedWaitMinutes: stable ? round(wait, 1) : null,
      queueClearMinutes: queueClearMinutes === null ? null : round(queueClearMinutes, 1),
      windowsNeeded: needed,
      action,
      actionWindows,
    };
    return { ...advice, reason: explain(advice, windowsNow) };
  });
  return { computedAt: nowMs, windowsServing: input.servers.length, groups };
}

/** The plain-words reason: what comes in, what the windows can do, what to do. */
function explain(a: Omit<GroupAdvice, "reason">, windowsNow: number): Explanation {
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
  const shared = a.windows.some((w) => w.share < 1);
  const nowZh = `现有约${a.windowsNow}个窗口的人手${shared ? "（兼办其他事项的人按分担的时间计）" : ""}`;
  const nowEn = `about ${a.windowsNow} windows' worth of staff time${shared ? " (people who also serve other groups count for their share)" : ""}`;
  if (windowsNow === 0 && (a.offeredLoad > 0 || a.waiting > 0)) {
    zh.push(`现在没有能办理的窗口开着${a.waiting > 0 ? `，已有${a.waiting}人在等` : ""}。`);
    en.push(`No window that can serve it is open${a.waiting > 0 ? `; ${a.waiting} already wait` : ""}.`);
  } else if (!a.stable) {
    zh.push(`${nowZh}，处理不过来，队伍会越排越长。`);
    en.push(`With ${nowEn}, the windows cannot keep up: the queue will keep growing.`);
  } else if (a.expectedWaitMinutes !== null && a.offeredLoad > 0) {
    zh.push(
      `${nowZh}，预计平均等待约${minutesText(a.expectedWaitMinutes)}分钟（目标${a.targetWaitMinutes}分钟以内）。`,
    );
    en.push(
      `With ${nowEn}, the expected wait is about ${minutesText(a.expectedWaitMinutes)} min (target: ${a.targetWaitMinutes} min).`,
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
