/**
 * The hall's live wait forecast: one `HallForecaster` per hall context, which learns from the hall's events (seeded
 * from the store's history when it starts), and recomputes the domain forecast (domain/forecast) from the live
 * state when something changed.
 *
 *   store history (boot) ─┐
 *   hall events ──────────┴─> HallLearner ─> HallModel ─┐
 *   waiting index + windows (store) ─────────────────────┴─> forecastWaits (runs under selectNext) ─> snapshot
 *
 * Recomputing is coalesced: at most once per `minIntervalMs` of the hall's clock (the hall-day simulator uses 0, so
 * every answer sees the state it was asked in). Between recomputes a ticket issued since the snapshot is answered
 * by the snapshot's probe for its item and class (a ticket issued at the snapshot's time), and a ticket in the
 * snapshot by its forecast less the time since.
 */
import type { HallEvent, PriorityClass } from "@onewindow/contract";
import {
  calibrate,
  forecastWaits,
  HallLearner,
  hallModelOf,
  WaitCalibration,
  type ForecastInput,
  type ForecastResult,
  type ForecastWindow,
  type Probe,
  type WaitForecast,
} from "../domain/index.ts";
import type { HallContext } from "./context.ts";
import type { ForecastThread, ThreadForecastInput } from "./forecastThread.ts";
import { todaysQueues } from "./dayEnd.ts";
import { serviceDay } from "./serviceDay.ts";
import { hasLiveSeat } from "./windows.ts";

/** How often and how hard the forecaster recomputes. */
export interface ForecastOptions {
  /** Recompute at most this often (hall clock ms) while events arrive; 0 = on every read after a change. */
  minIntervalMs: number;
  /** Recompute after this long even without events (the clock alone moves services on). */
  maxAgeMs: number;
  /**
   * Monte Carlo runs are `workBudget ÷ (tracked tickets + windows)`, within minRuns..maxRuns: a few hundred for an
   * ordinary queue, fewer for a full hall so one recompute stays within its time budget.
   */
  workBudget: number;
  minRuns: number;
  maxRuns: number;
  /** Seed of the forecast's generator (mixed with the time of each recompute, so a rerun repeats). */
  seed: number;
}

/**
 * Defaults: recompute at most once a second, about 10,000 simulated calls a recompute (a few hundred runs for an
 * ordinary queue, ~18 for a full hall of 500 waiting at 30 windows, to stay within 20 ms), 12..400 runs.
 */
export const defaultForecastOptions: Readonly<ForecastOptions> = Object.freeze({
  minIntervalMs: 1000,
  maxAgeMs: 30_000,
  workBudget: 10_000,
  minRuns: 12,
  maxRuns: 400,
  seed: 20_260_311,
});

/**
 * Monte Carlo runs for a recompute: `workBudget ÷ (waiting + probes ÷ 3 + windows + 1)` within minRuns..maxRuns
 * (probes take no service time, so they cost about a third of a ticket).
 */
export function forecastRuns(o: ForecastOptions, waiting: number, probes: number, windows: number): number {
  return Math.max(o.minRuns, Math.min(o.maxRuns, Math.floor(o.workBudget / (waiting + probes / 3 + windows + 1))));
}

/** The probes every snapshot carries: one per item and walk-in class. */
const PROBE_CLASSES = ["normal", "elderly", "green"] as const;
/** How far back the store's history seeds the learner. */
const SEED_SERVICES = 3000;

/** A ticket's forecast as the answers use it: minutes from now, and whether it was forecast at all. */
export interface TicketForecast extends WaitForecast {
  /** True when some window signed in and open may take the ticket (else the figures are NaN). */
  staffed: boolean;
}

/** A ticket's first forecast, as told at issue: raw model figures (minutes) and when (epoch ms). */
interface Told {
  atMs: number;
  meanMinutes: number;
  highMinutes: number;
}
/** Tickets whose told forecast is kept until their first call (the oldest dropped beyond this). */
const MAX_TOLD = 5000;
/** A forecast counts as told at issue when first read within this long of the ticket's arrival (ms). */
const TOLD_AT_ISSUE_MS = 60_000;

/** One hall's learner and latest forecast (see the file comment). */
export class HallForecaster {
  readonly learner = new HallLearner();
  /** Corrections learned from what tickets were told and then waited (domain/forecast/waitCalibration.ts). */
  readonly calibration = new WaitCalibration();
  readonly #told = new Map<number, Told>();
  options: ForecastOptions;
  #snapshot: ForecastResult | undefined;
  #probeIndex = new Map<string, number>();
  #dirty = true;
  #thread: ForecastThread | undefined;
  #inFlight = false;

  constructor(
    private readonly ctx: HallContext,
    options: Partial<ForecastOptions> = {},
  ) {
    this.options = { ...defaultForecastOptions, ...options };
    const now = ctx.clock();
    for (const s of ctx.store.tickets.recentServices(SEED_SERVICES).reverse())
      this.learner.handled(s.item_id, (s.end_at - s.start_at) / 60_000);
    for (const t of ctx.store.tickets.arrivalsSince(serviceDay(ctx, now), now - 30 * 60_000))
      this.learner.issued(t.item_id, t.priority, t.arrived_at);
    ctx.bus.on("event", (e: HallEvent) => this.#observe(e));
  }

  #observe(e: HallEvent): void {
    this.#dirty = true;
    const item = (code: string) => this.ctx.catalog.itemsByCode.get(code)?.id;
    switch (e.type) {
      case "ticket.issued": {
        const id = item(e.data.ticket.itemCode);
        if (id !== undefined) this.learner.issued(id, e.data.ticket.priority, e.at);
        break;
      }
      case "ticket.called":
        if (e.data.recall === 0) {
          this.learner.called(e.data.ticket.id, e.at);
          this.#outcome(e.data.ticket.id, e.data.ticket.arrivedAt, e.at);
        }
        break;
      case "ticket.started":
      case "ticket.unheld": {
        const id = item(e.data.ticket.itemCode);
        if (id !== undefined) this.learner.started(e.data.ticket.id, id, e.at);
        break;
      }
      case "ticket.no_show":
        this.learner.noShow(e.data.ticket.id, e.at);
        break;
      case "ticket.finished":
      case "ticket.held":
      case "ticket.transferred": {
        const id = item(e.data.ticket.itemCode);
        if (id !== undefined) this.learner.finished(e.data.ticket.id, id, e.at);
        break;
      }
      default:
        break;
    }
  }

  /** A ticket's first call: its told forecast against the wait it had (once; a transfer's later call is not one). */
  #outcome(ticketId: number, arrivedAt: number, calledAt: number): void {
    const told = this.#told.get(ticketId);
    if (!told) return;
    this.#told.delete(ticketId);
    if (told.atMs - arrivedAt > TOLD_AT_ISSUE_MS) return;
    this.calibration.observe({
      toldMean: told.meanMinutes,
      toldHigh: told.highMinutes,
      actual: (calledAt - arrivedAt) / 60_000,
    });
  }

  /** Keep a ticket's first forecast (raw) until its first call. */
  #remember(ticketId: number, raw: WaitForecast): void {
    if (this.#told.has(ticketId) || !(raw.calledShare > 0)) return;
    this.#told.set(ticketId, { atMs: this.ctx.clock(), meanMinutes: raw.meanMinutes, highMinutes: raw.highMinutes });
    if (this.#told.size > MAX_TOLD) this.#told.delete(this.#told.keys().next().value!);
  }

  /**
   * Recompute in `thread` from now on: a stale snapshot is answered at once and its successor computed in the thread
   * (only the very first snapshot is computed inline). The caller closes the thread when the hall stops.
   */
  useThread(thread: ForecastThread): void {
    this.#thread = thread;
  }

  /** The latest snapshot, recomputed first when it is missing, or stale and allowed to be redone (see options). */
  snapshot(): ForecastResult {
    const now = this.ctx.clock();
    const age = this.#snapshot ? now - this.#snapshot.nowMs : Infinity;
    const stale = age >= this.options.maxAgeMs || (this.#dirty && age >= this.options.minIntervalMs);
    if (!this.#snapshot) this.recompute();
    else if (stale && this.#thread) this.#recomputeInThread(this.#thread);
    else if (stale) this.recompute();
    return this.#snapshot!;
  }

  #recomputeInThread(thread: ForecastThread): void {
    if (this.#inFlight) return;
    this.#inFlight = true;
    const input = this.#threadInput();
    this.#dirty = false;
    thread
      .compute(input)
      .then(
        (result) => this.#take(input, result),
        (error: unknown) => {
          // Answers keep the last snapshot; the next read after a change tries again.
          this.#dirty = true;
          this.ctx.log.warn({ err: error }, "wait forecast failed in its thread");
        },
      )
      .finally(() => (this.#inFlight = false));
  }

  #take(input: Pick<ForecastInput, "probes">, result: ForecastResult): ForecastResult {
    this.#probeIndex = new Map((input.probes ?? []).map((p, i) => [`${p.itemId}:${p.priority}`, i]));
    return (this.#snapshot = result);
  }

  /** Recompute now, inline, from the live state. */
  recompute(): ForecastResult {
    const input = this.input();
    this.#dirty = false;
    return this.#take(input, forecastWaits(input));
  }

  /**
   * The forecast's input from the live state. Its `waiting` is the live waiting index: read it before the hall
   * changes again.
   */
  input(): ForecastInput {
    const { learned, ...input } = this.#threadInput();
    return { ...input, model: hallModelOf(learned.state, input.nowMs, learned.priorMinutes) };
  }

  /** The same, with the model left for the thread to fit (fitting ~20 items costs a few ms: not on the event loop). */
  #threadInput(): ThreadForecastInput {
    const { ctx } = this;
    const nowMs = ctx.clock();
    const windows: ForecastWindow[] = [];
    for (const w of ctx.store.windows.active()) {
      if (w.state !== "open" || w.staff_id === null || !hasLiveSeat(ctx, w, nowMs)) continue;
      const inHand = ctx.store.tickets.atWindow(w.id);
      windows.push({
        windowId: w.id,
        staffId: w.staff_id,
        eligibleItems: ctx.catalog.eligibleItems(w.staff_id, w.id),
        priorityStreak: w.priority_streak,
        busy:
          inHand && (inHand.state === "called" || inHand.state === "serving")
            ? { itemId: inHand.item_id, phase: inHand.state, sinceMs: inHand.state_at }
            : null,
      });
    }
    const priorMinutes = new Map(
      [...ctx.catalog.itemsById.values()].filter((i) => i.active).map((i) => [i.id, i.typicalMinutes]),
    );
    const probes: Probe[] = [...priorMinutes.keys()].flatMap((itemId) =>
      PROBE_CLASSES.map((priority) => ({ itemId, priority })),
    );
    // The live index itself, not a copy: the forecast (or the thread's packing) reads it once, at once.
    const waiting = todaysQueues(ctx, nowMs);
    const runs = forecastRuns(this.options, waiting.size, probes.length, windows.length);
    return {
      nowMs,
      waiting,
      windows,
      learned: { state: this.learner.state(nowMs), priorMinutes },
      policy: ctx.config.queue,
      probes,
      runs,
      seed: (this.options.seed + nowMs) >>> 0,
    };
  }

  /**
   * The forecast of a waiting ticket (minutes from now), calibrated: its own, less the time since the snapshot; or,
   * for a ticket issued after the snapshot, the probe of its item and class. The first one read is remembered as
   * what the ticket was told.
   */
  ticket(ticketId: number, itemId: number, priority: PriorityClass): TicketForecast {
    const snap = this.snapshot();
    const own = snap.tickets.get(ticketId);
    if (!own) {
      const raw = this.#probe(itemId, priority === "appointment" ? "normal" : priority);
      this.#remember(ticketId, raw);
      return this.#answer(raw);
    }
    const age = (this.ctx.clock() - snap.nowMs) / 60_000;
    const shift = (m: number) => Math.max(0, m - age);
    this.#remember(ticketId, {
      meanMinutes: shift(own.meanMinutes),
      lowMinutes: shift(own.lowMinutes),
      highMinutes: shift(own.highMinutes),
      calledShare: own.calledShare,
    });
    const c = calibrate(own, this.calibration.factors());
    return {
      meanMinutes: shift(c.meanMinutes),
      lowMinutes: shift(c.lowMinutes),
      highMinutes: shift(c.highMinutes),
      calledShare: own.calledShare,
      staffed: own.calledShare > 0,
    };
  }

  /** The forecast for a ticket of this item and class issued now (the latest snapshot's probe), calibrated. */
  newTicket(itemId: number, priority: Probe["priority"]): TicketForecast {
    return this.#answer(this.#probe(itemId, priority));
  }

  /** The raw probe of an item and class; not called (calledShare 0) when there is none. */
  #probe(itemId: number, priority: Probe["priority"]): WaitForecast {
    const snap = this.snapshot();
    const at = this.#probeIndex.get(`${itemId}:${priority}`);
    return (at === undefined ? undefined : snap.probes[at]) ?? NO_FORECAST;
  }

  #answer(raw: WaitForecast): TicketForecast {
    if (raw.calledShare === 0) return { ...NO_FORECAST, staffed: false };
    return { ...calibrate(raw, this.calibration.factors()), staffed: true };
  }
}

const NO_FORECAST: WaitForecast = Object.freeze({
  meanMinutes: NaN,
  lowMinutes: NaN,
  highMinutes: NaN,
  calledShare: 0,
});

const forecasters = new WeakMap<HallContext, HallForecaster>();

/** The hall's forecaster, created (and seeded from the store) on first use. */
export function forecasterOf(ctx: HallContext): HallForecaster {
  let f = forecasters.get(ctx);
  if (!f) forecasters.set(ctx, (f = new HallForecaster(ctx)));
  return f;
}
