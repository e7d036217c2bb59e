/**
 * # The wait forecast: each waiting ticket's wait, by simulating the hall forward under the real call policy
 *
 *   live state (waiting tickets, windows: who, skills ∩ allowed items, streak, ticket in hand and since when)
 *   + learned model (handle-time lognormal per item, walk, no-show share, arrival rates per item and class)
 *        |
 *        v   `runs` times, one seeded generator:
 *   copy the queues -> windows free up (remaining service drawn given its elapsed time) -> each free window calls
 *   through `selectNext` itself -> the call's occupancy is drawn (no-show, or walk + handle time) -> simulated
 *   arrivals join the queues (priority tickets jump ahead as the policy lets them) -> until every tracked ticket
 *   has been called or the horizon passes
 *        |
 *        v
 *   per ticket: the mean call time after now (the point forecast) and its 10th/90th percentiles (the range)
 *
 * "Probes" answer "what if a ticket of item X, class C, were issued now" (the kiosk's wait before issuing, the
 * item-wait query): a probe joins its list at `nowMs` like a new ticket, and when a window calls it the call time
 * is recorded and the window calls again at once, so probes never take service time from real tickets.
 *
 * A ticket gets 0 minutes exactly when a window that may take it is free now and calls it first; it is called at
 * once in every run then. The forecast sees only the live state: rosters, breaks to come and windows that will
 * open later are unknown to it, and a paused window is left out (the caller decides which windows to pass).
 */
import type { PriorityClass } from "@onewindow/contract";
import { selectNext, type CallPolicyConfig } from "../callPolicy.ts";
import type { WaitingTicket } from "../waitingQueues.ts";
import { sampleHandle, sampleHandleRemaining, type HandleTimeModel } from "./handleTimes.ts";
import { createRng, exponential, standardNormal, type Rng } from "./random.ts";
import { SimQueues, simQueueBase } from "./simQueues.ts";
import { TicketForecasts } from "./ticketForecasts.ts";

type Ticket = Readonly<WaitingTicket>;

/** A window that can call now or when its current ticket ends. */
export interface ForecastWindow {
  windowId: number;
  staffId: number;
  /** itemId -> skill weight: staff skills ∩ the window's allowed items (as `CallContext.eligibleItems`). */
  eligibleItems: ReadonlyMap<number, number>;
  /** Priority calls since the window's last normal call. */
  priorityStreak: number;
  /** The ticket in hand: called (the citizen is walking) or in service, since `sinceMs` (epoch ms); null = free. */
  busy: { itemId: number; phase: "called" | "serving"; sinceMs: number } | null;
}

/** Expected arrivals of one item and class, per minute, from now on. */
export interface ArrivalRate {
  itemId: number;
  priority: Exclude<PriorityClass, "appointment">;
  perMinute: number;
  /**
   * Tickets the rate was counted from: its relative uncertainty is 1 ÷ √(observed + 1) (a Poisson count), drawn
   * once per run like the handle times' (see `forecastWaits`). Absent = taken as exact.
   */
  observed?: number;
}

/** What the forecast has learned about the hall (see handleTimes.ts and the service that learns it). */
export interface HallModel {
  /** itemId -> handle-time distribution in minutes. */
  handleTimes: ReadonlyMap<number, HandleTimeModel>;
  /** For an item without one. */
  defaultHandleTime: HandleTimeModel;
  /** Mean minutes from the call to the start of service (the walk to the window). ≥ 0. */
  walkMeanMinutes: number;
  /** Share of calls that end as no-shows, 0..1. */
  noShowShare: number;
  /** Minutes a no-show keeps the window before it is marked. ≥ 0. */
  noShowMinutes: number;
  arrivals: readonly ArrivalRate[];
}

/** A hypothetical ticket issued now (see the file comment). */
export interface Probe {
  itemId: number;
  priority: Exclude<PriorityClass, "appointment">;
}

/** Everything one forecast reads. */
export interface ForecastInput {
  nowMs: number;
  waiting: Iterable<Ticket>;
  /** Windows that call (open, staffed); paused and empty windows are left out. */
  windows: readonly ForecastWindow[];
  model: HallModel;
  policy: CallPolicyConfig;
  probes?: readonly Probe[];
  /** Monte Carlo runs (≥ 1). */
  runs: number;
  seed: number;
  /** Simulate at most this far ahead (minutes); default 480. */
  horizonMinutes?: number;
}

/** The forecast wait of one ticket, minutes from `nowMs`. */
export interface WaitForecast {
  /** Mean over runs (a run that passed the horizon counts the horizon). */
  meanMinutes: number;
  /** 10th percentile. */
  lowMinutes: number;
  /** 90th percentile. */
  highMinutes: number;
  /** Share of runs in which it was called within the horizon; 0 when no window signed in may take it. */
  calledShare: number;
}

/** Forecasts of the waiting tickets (by id) and of the probes (in input order). */
export interface ForecastResult {
  nowMs: number;
  runs: number;
  /** Every waiting ticket's forecast by id (`NaN` figures and calledShare 0 for one no window may take). */
  tickets: TicketForecasts;
  probes: WaitForecast[];
}

const NOT_CALLED: WaitForecast = Object.freeze({
  meanMinutes: Number.NaN,
  lowMinutes: Number.NaN,
  highMinutes: Number.NaN,
  calledShare: 0,
});

/** Whether some window may take `t` (its target, or its item among the window's eligible items). */
function callable(t: Ticket, windows: readonly ForecastWindow[]): boolean {
  return windows.some((w) => {
    const staff = t.targetStaffId ?? null;
    const window = t.targetWindowId ?? null;
    if (staff !== null || window !== null)
      return (staff === null || staff === w.staffId) && (window === null || window === w.windowId);
    return w.eligibleItems.has(t.itemId);
  });
}

/** A factor with mean 1 and relative sd ≈ `u` (lognormal), for one run's draw of an uncertain parameter. */
function uncertainScale(rng: Rng, u: number): number {
  return u > 0 ? Math.exp(u * standardNormal(rng) - (u * u) / 2) : 1;
}

/** One run's handle-time scale per item: the model's mean is itself uncertain (`HandleTimeModel.meanUncertainty`). */
class RunScales {
  readonly #scales = new Map<number, number>();
  constructor(
    private readonly rng: Rng,
    private readonly model: HallModel,
  ) {}
  handle(itemId: number): HandleTimeModel {
    return this.model.handleTimes.get(itemId) ?? this.model.defaultHandleTime;
  }
  scale(itemId: number): number {
    let s = this.#scales.get(itemId);
    if (s === undefined) this.#scales.set(itemId, (s = uncertainScale(this.rng, this.handle(itemId).meanUncertainty)));
    return s;
  }
}

/** Occupancy of the window after a call, minutes: a no-show's wait, or the walk plus the handle time. */
function occupancy(rng: Rng, model: HallModel, scales: RunScales, itemId: number): number {
  if (model.noShowShare > 0 && rng.next() < model.noShowShare) return model.noShowMinutes;
  return exponential(rng, model.walkMeanMinutes) + sampleHandle(rng, scales.handle(itemId)) * scales.scale(itemId);
}

/** What is left of the ticket in hand at a window, minutes from now. */
function remainingBusy(
  rng: Rng,
  model: HallModel,
  scales: RunScales,
  busy: NonNullable<ForecastWindow["busy"]>,
  nowMs: number,
): number {
  const elapsed = Math.max(0, (nowMs - busy.sinceMs) / 60_000);
  const handle = scales.handle(busy.itemId);
  const scale = scales.scale(busy.itemId);
  if (busy.phase === "serving") return sampleHandleRemaining(rng, handle, elapsed / scale) * scale;
  // Called: a no-show is marked `noShowMinutes` after the call, so past that the citizen is coming.
  if (elapsed < model.noShowMinutes && model.noShowShare > 0 && rng.next() < model.noShowShare)
    return model.noShowMinutes - elapsed;
  return exponential(rng, model.walkMeanMinutes) + sampleHandle(rng, handle) * scale;
}

function summarise(samples: Float64Array, horizon: number): WaitForecast {
  let called = 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!;
    if (v <= horizon) called += 1;
    sum += Math.min(v, horizon);
  }
  const sorted = samples.map((v) => Math.min(v, horizon)).sort();
  const at = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
  return {
    meanMinutes: sum / samples.length,
    lowMinutes: at(0.1),
    highMinutes: at(0.9),
    calledShare: called / samples.length,
  };
}

/**
 * Forecast the wait of every waiting ticket and every probe (see the file comment). Deterministic for a given
 * input and seed. Throws RangeError on runs < 1 or an invalid call-policy configuration (from `selectNext`).
 */
export function forecastWaits(input: ForecastInput): ForecastResult {
  const runs = Math.floor(input.runs);
  if (!(runs >= 1)) throw new RangeError(`runs must be ≥ 1, got ${input.runs}`);
  const horizonMinutes = input.horizonMinutes ?? 480;
  const { nowMs, model, policy } = input;
  const windows = [...input.windows].sort((a, b) => a.windowId - b.windowId);
  const waiting = [...input.waiting];
  const base = simQueueBase(waiting);

  // Tracked tickets: the callable waiting ones, then the probes; index -> samples[index * runs + run].
  const index = new Map<number, number>();
  let nextId = 1;
  for (const t of waiting) {
    nextId = Math.max(nextId, t.id + 1);
    if (callable(t, windows)) index.set(t.id, index.size);
  }
  const probes: Ticket[] = (input.probes ?? []).map((p) => ({
    id: nextId++,
    itemId: p.itemId,
    priority: p.priority,
    arrivedAt: nowMs,
  }));
  const probeIds = new Set<number>();
  for (const p of probes)
    if (callable(p, windows)) {
      index.set(p.id, index.size);
      probeIds.add(p.id);
    }
  const tracked = index.size;
  const samples = new Float64Array(tracked * runs).fill(Number.POSITIVE_INFINITY);

  const rng = createRng(input.seed);
  const { length: windowCount } = windows;
  const horizonMs = nowMs + horizonMinutes * 60_000;
  const freeAt = new Float64Array(windows.length);
  const streak = new Int32Array(windows.length);
  // Per item, the windows an arrival of it wakes (ascending ids); per stream, the cumulative rate to pick it by.
  const wakes = new Map<number, number[]>();
  windows.forEach((w, i) => {
    for (const itemId of w.eligibleItems.keys()) {
      const list = wakes.get(itemId);
      if (list) list.push(i);
      else wakes.set(itemId, [i]);
    }
  });
  const streams = model.arrivals.filter((a) => a.perMinute > 0);
  const cumulative = new Float64Array(streams.length);

  for (let run = 0; run < runs && tracked > 0; run++) {
    const q = new SimQueues(base);
    for (const p of probes) q.append(p);
    // This run's draw of the uncertain parameters: each item's mean handle time and each stream's arrival rate.
    const scales = new RunScales(rng, model);
    let totalRate = 0;
    streams.forEach((a, i) => {
      const u = a.observed === undefined ? 0 : 1 / Math.sqrt(a.observed + 1);
      cumulative[i] = totalRate += a.perMinute * uncertainScale(rng, u);
    });
    windows.forEach((w, i) => {
      freeAt[i] = w.busy ? nowMs + remainingBusy(rng, model, scales, w.busy, nowMs) * 60_000 : nowMs;
      streak[i] = w.priorityStreak;
    });
    let remaining = tracked;
    let arrivalId = nextId;
    let nextArrival = totalRate > 0 ? nowMs + exponential(rng, 1 / totalRate) * 60_000 : Infinity;

    while (remaining > 0) {
      let w = -1;
      for (let i = 0; i < windowCount; i++) if (w < 0 || freeAt[i]! < freeAt[w]!) w = i;
      const t = w < 0 ? Infinity : freeAt[w]!;
      if (nextArrival <= t) {
        if (nextArrival > horizonMs) break;
        // A simulated arrival joins its list; idle windows that may take it wake up at once.
        const pick = rng.next() * totalRate;
        let s = 0;
        while (s < streams.length - 1 && cumulative[s]! <= pick) s++;
        const stream = streams[s]!;
        q.append({ id: arrivalId++, itemId: stream.itemId, priority: stream.priority, arrivedAt: nextArrival });
        for (const i of wakes.get(stream.itemId) ?? []) if (freeAt[i] === Infinity) freeAt[i] = nextArrival;
        nextArrival += exponential(rng, 1 / totalRate) * 60_000;
        continue;
      }
      if (t > horizonMs) break;
      const win = windows[w]!;
      for (;;) {
        const d = selectNext(
          q,
          {
            nowMs: t,
            windowId: win.windowId,
            staffId: win.staffId,
            eligibleItems: win.eligibleItems,
            priorityStreak: streak[w]!,
          },
          policy,
        );
        if (!d) {
          freeAt[w] = Infinity;
          break;
        }
        const ticket =
          d.rule === "targeted" ? q.targetedHead(win.staffId, win.windowId)! : q.head(d.itemId, d.priority)!;
        q.take(ticket);
        const at = index.get(d.ticketId);
        if (at !== undefined) {
          samples[at * runs + run] = (t - nowMs) / 60_000;
          remaining -= 1;
        }
        // A probe takes no service time: the window calls again at once, its streak unchanged.
        if (probeIds.has(d.ticketId)) continue;
        streak[w] = d.priorityStreak;
        freeAt[w] = t + occupancy(rng, model, scales, d.itemId) * 60_000;
        break;
      }
    }
  }

  const forecastOf = (id: number): WaitForecast => {
    const at = index.get(id);
    return at === undefined ? NOT_CALLED : summarise(samples.subarray(at * runs, (at + 1) * runs), horizonMinutes);
  };
  const columns = TicketForecasts.empty(waiting.length);
  waiting
    .map((t) => t.id)
    .sort((a, b) => a - b)
    .forEach((id, i) => {
      const f = forecastOf(id);
      columns.ids[i] = id;
      columns.meanMinutes[i] = f.meanMinutes;
      columns.lowMinutes[i] = f.lowMinutes;
      columns.highMinutes[i] = f.highMinutes;
      columns.calledShare[i] = f.calledShare;
    });
  return { nowMs, runs, tickets: new TicketForecasts(columns), probes: probes.map((p) => forecastOf(p.id)) };
}
