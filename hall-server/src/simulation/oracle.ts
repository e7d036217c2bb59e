/**
 * # The oracle: the best wait forecast anyone could give on a simulated hall day
 *
 * A measuring instrument of the hall-day simulator, not a forecaster for a real hall: the bench prints its figures
 * beside the forecast's as the floor of what any forecaster can score on the same tickets.
 *
 * At the moment a ticket is issued it knows everything the simulator knows except the draws still to come:
 *   - the scenario's truth: each item's real handle-time distribution, the hourly arrival schedule with its item and
 *     elderly mix, walk and no-show, and the real call policy (`selectNext` with the scenario's settings);
 *   - every window's breaks to come and the end of a break in progress (which no live hall-server knows);
 *   - the live state: every waiting ticket, each window's ticket in hand (item, called or serving, since when) and
 *     its priority streak.
 *
 *   that state ──> `runs` times: copy the queues (SimQueues) -> the earliest free window takes a due break (the
 *   scenario's break rule) or calls through `selectNext` -> the call's outcome is drawn (no-show, or walk + handle
 *   time) -> arrivals join by the hourly schedule -> until the ticket is called ──> its wait in each run
 *
 * The draws follow the simulator's own rules (scenarioDraws.ts), so the day the simulator goes on to draw is one more
 * sample of the very distribution the runs sample. Their mean is thus the conditional expectation of the wait given
 * everything knowable at issue: no point forecast has a lower expected squared error, and on an M/M/c day it is the
 * exact conditional mean (people ahead + 1) ÷ (c·μ). What is left of its error is the luck of the draws to come,
 * which no forecaster can remove. (The point that minimises the mean absolute error % alone is a 1/wait-weighted
 * median, lower than the mean: it scores a lower MAE % at the price of a large negative bias, which the bias target
 * rules out; its bias is also why the mean's own bias on the scored tickets, those that waited over 2 minutes, is not
 * zero: the selection looks at the outcome.)
 *
 * Times inside are minutes from opening, the simulator's; the call policy reads epoch ms (`openingMs` + minutes).
 */
import { createRng, exponential, selectNext, SimQueues, simQueueBase, type Rng } from "../domain/index.ts";
import type { CallContext, CallPolicyConfig, ForecastWindow, WaitingTicket } from "../domain/index.ts";
import type { Scenario } from "./scenario.ts";
import {
  drawArrival,
  drawCall,
  handleMinutes,
  nextArrivalMinute,
  remainingHandleMinutes,
  takeDueBreak,
} from "./scenarioDraws.ts";

type ScenarioItem = Scenario["items"][number];

/** How far ahead a run looks (minutes): a ticket that no window may take is never called, and counts this. */
const HORIZON_MINUTES = 24 * 60;

/** The scenario's truth in the simulated hall's terms (its catalogue's item ids). */
export interface OracleTruth {
  scenario: Scenario;
  /** The real call policy: the hall-server's defaults with the scenario's settings over them. */
  policy: CallPolicyConfig;
  /** The hall's item id -> its scenario item. */
  items: ReadonlyMap<number, ScenarioItem>;
  /** A scenario item's code -> the hall's item id. */
  itemIds: ReadonlyMap<string, number>;
}

/** The truth of `scenario` in a hall whose catalogue gave its items these ids (code -> id, every item). */
export function oracleTruth(
  scenario: Scenario,
  policy: CallPolicyConfig,
  itemIds: ReadonlyMap<string, number>,
): OracleTruth {
  const items = new Map<number, ScenarioItem>();
  for (const item of scenario.items) {
    const id = itemIds.get(item.code);
    if (id === undefined) throw new RangeError(`the hall has no item ${item.code}`);
    items.set(id, item);
  }
  return { scenario, policy, items, itemIds };
}

/**
 * A signed-in window as the oracle sees it: what the forecast sees of it (`busy.sinceMs` epoch ms), plus its breaks,
 * which only the simulator knows.
 */
export interface OracleWindow extends ForecastWindow {
  /** On a break now until this minute (from opening); null = not on a break. */
  pausedUntilMinute: number | null;
  /** Breaks not begun yet, [from, to) in minutes from opening, sorted by start. */
  breaks: readonly (readonly [number, number])[];
}

/** The hall at the moment `ticketId` is issued. */
export interface OracleState {
  /** Epoch ms of minute 0 (the opening). */
  openingMs: number;
  /** Now, minutes from opening. */
  nowMinute: number;
  /** The ticket whose wait is forecast; it must be waiting. */
  ticketId: number;
  waiting: Iterable<Readonly<WaitingTicket>>;
  /** Every signed-in window, those on a break included. */
  windows: readonly OracleWindow[];
}

/** The oracle's forecast of one ticket's wait, minutes from issue. */
export interface OracleForecast {
  /** Mean over the runs: the point forecast. */
  meanMinutes: number;
  /** 10th percentile (nearest rank): the bottom of the range. */
  lowMinutes: number;
  /** 90th percentile (nearest rank): the top of the range. */
  highMinutes: number;
}

/** What is left of the ticket in hand at a window, minutes from now. */
function remainingBusyMinutes(
  rng: Rng,
  s: Scenario,
  item: ScenarioItem,
  busy: NonNullable<ForecastWindow["busy"]>,
  elapsed: number,
): number {
  if (busy.phase === "serving") return remainingHandleMinutes(rng, item, elapsed);
  // Called, not yet come: a no-show is marked `noShowMinutes` after the call; before that, the longer nobody has come
  // the likelier it is one (Bayes over the exponential walk: P(no-show | no start within `elapsed`)).
  if (elapsed < s.noShowMinutes && s.noShowShare > 0) {
    const stillWalking = s.walkMeanMinutes > 0 ? Math.exp(-elapsed / s.walkMeanMinutes) : elapsed > 0 ? 0 : 1;
    const noShow = s.noShowShare / (s.noShowShare + (1 - s.noShowShare) * stillWalking);
    if (rng.next() < noShow) return s.noShowMinutes - elapsed;
  }
  // The walk is memoryless: what is left of it is a fresh draw.
  return exponential(rng, s.walkMeanMinutes) + handleMinutes(rng, item);
}

/**
 * The oracle's forecast of `state.ticketId`'s wait from `runs` simulated futures (see the file comment), seeded with
 * `seed` (deterministic). RangeError when runs < 1, the ticket is not waiting, or a window serves an item the truth
 * does not know.
 */
export function oracleForecast(truth: OracleTruth, state: OracleState, runs: number, seed: number): OracleForecast {
  if (!(runs >= 1)) throw new RangeError(`runs must be ≥ 1, got ${runs}`);
  const { scenario: s, policy } = truth;
  const itemOf = (itemId: number) => {
    const item = truth.items.get(itemId);
    if (!item) throw new RangeError(`item ${itemId} is not in the scenario`);
    return item;
  };
  const { openingMs, nowMinute: now, ticketId } = state;
  const waiting = [...state.waiting];
  if (!waiting.some((t) => t.id === ticketId)) throw new RangeError(`ticket ${ticketId} is not waiting`);
  const base = simQueueBase(waiting);
  const firstArrivalId = Math.max(...waiting.map((t) => t.id)) + 1;
  // Ascending window ids: of two windows free at once the lower id calls first, as in the simulator.
  const windows = [...state.windows].sort((a, b) => a.windowId - b.windowId);
  const wakes = new Map<number, number[]>();
  windows.forEach((w, i) => {
    for (const itemId of w.eligibleItems.keys()) wakes.set(itemId, [...(wakes.get(itemId) ?? []), i]);
  });
  const freeAt = new Float64Array(windows.length);
  // Each window's call context, its clock and priority streak updated in place as it calls.
  const contexts: CallContext[] = windows.map((w) => ({
    nowMs: openingMs,
    windowId: w.windowId,
    staffId: w.staffId,
    eligibleItems: w.eligibleItems,
    priorityStreak: w.priorityStreak,
  }));
  const breaks: (readonly [number, number])[][] = [];
  const horizon = now + HORIZON_MINUTES;
  const rng = createRng(seed);
  const waits = new Float64Array(runs);

  for (let run = 0; run < runs; run++) {
    const q = new SimQueues(base);
    windows.forEach((w, i) => {
      breaks[i] = w.breaks.slice();
      contexts[i]!.priorityStreak = w.priorityStreak;
      const elapsed = w.busy ? now - (w.busy.sinceMs - openingMs) / 60_000 : 0;
      freeAt[i] =
        w.pausedUntilMinute ??
        (w.busy ? now + remainingBusyMinutes(rng, s, itemOf(w.busy.itemId), w.busy, Math.max(0, elapsed)) : now);
    });
    let arrivalId = firstArrivalId;
    let nextArrival = nextArrivalMinute(rng, s, now);
    let wait = HORIZON_MINUTES;
    for (;;) {
      let w = -1;
      for (let i = 0; i < windows.length; i++) if (w < 0 || freeAt[i]! < freeAt[w]!) w = i;
      const t = w < 0 ? Infinity : freeAt[w]!;
      if (nextArrival <= t) {
        if (nextArrival > horizon) break;
        // An arrival joins its list; idle windows that may take it wake now.
        const { item, priority } = drawArrival(rng, s);
        const itemId = truth.itemIds.get(item.code)!;
        q.append({ id: arrivalId++, itemId, priority, arrivedAt: openingMs + nextArrival * 60_000 });
        for (const i of wakes.get(itemId) ?? []) if (freeAt[i] === Infinity) freeAt[i] = nextArrival;
        nextArrival = nextArrivalMinute(rng, s, nextArrival);
        continue;
      }
      if (t > horizon) break;
      const due = takeDueBreak(breaks[w]!, t);
      if (due) {
        freeAt[w] = due[1];
        continue;
      }
      const caller = contexts[w]!;
      caller.nowMs = openingMs + t * 60_000;
      const d = selectNext(q, caller, policy);
      if (!d) {
        freeAt[w] = Infinity;
        continue;
      }
      q.take(d.rule === "targeted" ? q.targetedHead(caller.staffId, caller.windowId)! : q.head(d.itemId, d.priority)!);
      if (d.ticketId === ticketId) {
        wait = t - now;
        break;
      }
      caller.priorityStreak = d.priorityStreak;
      const call = drawCall(rng, s, itemOf(d.itemId));
      freeAt[w] = t + (call.noShow ? s.noShowMinutes : call.walkMinutes + call.handleMinutes);
    }
    waits[run] = wait;
  }

  let sum = 0;
  for (const v of waits) sum += v;
  waits.sort();
  const at = (p: number) => waits[Math.max(0, Math.ceil(p * runs) - 1)]!;
  return { meanMinutes: sum / runs, lowMinutes: at(0.1), highMinutes: at(0.9) };
}
