/**
 * The hall-day simulator: one scenario day on a virtual clock, driving the real hall-server use cases (issue,
 * call-next through the real call policy, start, finish, no-show, pause and resume, staff sign-in) on an
 * in-memory SQLite database, and recording for every ticket when it arrived, when it was first called, and what
 * the hall told it at issue (the forecast's raw figures, and the old estimate for comparison).
 *
 *   scenario + seed ─> arrivals (Poisson by the hour × load; item by share; elderly share)
 *                     windows (one staff member each, skills = allowed items; breaks)
 *        │
 *        v  event queue on the virtual clock (time, then insertion order)
 *   arrival ─> issueTicket ─> forecast as issued ─> an idle qualified window (lowest id) calls at once
 *   window free ─> due break? pause : callNext ─> no-show after noShowMinutes | walk ─> start ─> handle ─> finish
 *   break end ─> resume ─> callNext;  after issueUntil, windows serve until the queue is empty
 *
 * Rules are the scenarios' README's; the draws and the break rule are scenarioDraws.ts's, which the oracle shares. With
 * `oracleRuns`, every arrival also records the oracle's forecast (oracle.ts) from the state at its issue: the bench's
 * floor for the forecast. Two random streams (arrivals; services) keep each one's draws independent of
 * the other's, so a change in the forecast never changes the day it is scored on.
 */
import { pino } from "pino";
import { Catalog, type PriorityClass } from "@onewindow/contract";
import { resolveConfig } from "../config.ts";
import { AppError } from "../errors.ts";
import { createRng, expectedWaitMinutes, serviceDayStart, type Rng } from "../domain/index.ts";
import { generateKeyring } from "../security/index.ts";
import { callNext } from "../services/calls.ts";
import { importCatalogJson } from "../services/catalogAdmin.ts";
import { createContext, type HallContext } from "../services/context.ts";
import { createDevice } from "../services/devices.ts";
import type { Principal } from "../services/principal.ts";
import { finishService, noShow, startService } from "../services/serving.ts";
import { pauseWindow, resumeWindow, staffLogin } from "../services/staffSessions.ts";
import { issueTicket } from "../services/tickets.ts";
import { forecasterOf, type ForecastOptions } from "../services/waitForecast.ts";
import { qualifiedStaffCount, ticketForecast } from "../services/waitEstimate.ts";
import { openDatabase } from "../store/db.ts";
import { oracleForecast, oracleTruth, type OracleForecast, type OracleTruth } from "./oracle.ts";
import { scenarioCallPolicy, type Scenario } from "./scenario.ts";
import { drawArrival, drawCall, handleMinutes, nextArrivalMinute, pickItem, takeDueBreak } from "./scenarioDraws.ts";

/** How to run one day. */
export interface HallDayOptions {
  seed: number;
  /** Record the forecast at issue (the scored seeds); false skips recomputing it (the simulator-only seeds). */
  forecast: boolean;
  /** Forecaster settings (runs); the simulator always recomputes on every issue when `forecast` is on. */
  forecastOptions?: Partial<ForecastOptions>;
  /**
   * Also record the oracle's forecast (oracle.ts) for every arrival, from this many simulated futures each; absent =
   * no oracle (the day itself is the same either way: the oracle draws from its own generators).
   */
  oracleRuns?: number;
}

/** What the hall told a ticket at issue: the forecast's raw figures (minutes) and the old estimate. */
export interface IssuedForecast {
  meanMinutes: number;
  lowMinutes: number;
  highMinutes: number;
  staffed: boolean;
  /** The old estimate (domain/eta.ts: people ahead × moving handle estimate ÷ qualified staff), whole minutes. */
  baselineMinutes: number;
  /** People ahead in its queue at issue (`WaitingQueues.position`). */
  peopleAhead: number;
  /** Whether a window that may serve it was free (open, idle) at issue. */
  windowFree: boolean;
}

/** One ticket of the day. Times are minutes from opening. */
export interface TicketRecord {
  ticketId: number;
  itemCode: string;
  priority: PriorityClass;
  arrivedMinute: number;
  /** First call; null when never called (cannot happen in a finished day, kept for safety). */
  calledMinute: number | null;
  /** The window (scenario id) that first called it. */
  calledBy: number | null;
  noShow: boolean;
  /** Part of the stationary opening queue, not an arrival (not scored). */
  initial: boolean;
  /** Set when the day ran with `forecast` on and the ticket is an arrival. */
  told?: IssuedForecast;
  /** The oracle's forecast at issue (minutes), set when the day ran with `oracleRuns` and the ticket is an arrival. */
  oracle?: OracleForecast;
}

/** A simulated day. */
export interface HallDayResult {
  scenario: string;
  seed: number;
  tickets: TicketRecord[];
  /** Minute the last service ended. */
  endMinute: number;
}

interface SimWindow {
  spec: Scenario["windows"][number];
  windowId: number;
  staffId: number;
  principal: Extract<Principal, { kind: "staff" }>;
  busy: boolean;
  /** On a break until this minute; null = not on a break. */
  pausedUntil: number | null;
  /** Breaks not yet begun, in order. */
  breaks: [number, number][];
}

type SimEvent =
  | { kind: "arrival"; itemCode: string; priority: "normal" | "elderly" }
  | { kind: "start" | "finish" | "noShow" | "breakStart" | "breakEnd" | "signIn"; window: SimWindow };

/** A binary min-heap of events by (time, insertion order). */
class EventQueue {
  readonly #heap: { t: number; seq: number; e: SimEvent }[] = [];
  #seq = 0;
  get size(): number {
    return this.#heap.length;
  }
  push(t: number, e: SimEvent): void {
    const h = this.#heap;
    h.push({ t, seq: this.#seq++, e });
    for (let i = h.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (this.#less(h[p]!, h[i]!)) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }
  pop(): { t: number; e: SimEvent } {
    const h = this.#heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.#less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.#less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
  #less(a: { t: number; seq: number }, b: { t: number; seq: number }): boolean {
    return a.t < b.t || (a.t === b.t && a.seq < b.seq);
  }
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const PIN = "246810";
/** Sessions last 12 hours: staff sign in again every 11 (a long scenario day outlasts one session). */
const SIGN_IN_EVERY_MINUTES = 11 * 60;

/** The scenario as a hall catalogue: items open all day, one window and one staff member per scenario window. */
export function scenarioCatalog(s: Scenario): Catalog {
  const groups = [...new Set(s.items.map((i) => i.group))];
  const allDay = [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: "00:00", close: "24:00" }];
  return Catalog.parse({
    schemaVersion: 2,
    version: `scenario-${s.date}`,
    departments: [{ code: "SIM", name: "模拟大厅" }],
    groups: groups.map((code) => ({ code, name: code, targetWaitMinutes: 15 })),
    items: s.items.map((item, i) => ({
      code: item.code,
      name: item.name ?? item.code,
      departmentCode: "SIM",
      groupCode: item.group,
      prefix: LETTERS[i],
      kind: "immediate",
      hours: allDay,
      typicalMinutes: item.priorMinutes,
    })),
    windows: s.windows.map((w) => ({ number: w.id, name: `窗口${w.id}`, allowedItems: Object.keys(w.skills) })),
    staff: s.windows.map((w) => ({
      employeeNo: `S${String(w.id).padStart(3, "0")}`,
      name: `员工${w.id}`,
      role: "staff",
      skills: Object.entries(w.skills).map(([itemCode, weight]) => ({ itemCode, weight })),
      pin: PIN,
    })),
  });
}

/** The number in system of a stationary M/M/c queue (λ per minute, mean service minutes, c servers), drawn. */
export function stationaryMmcCount(rng: Rng, lambda: number, meanService: number, c: number): number {
  const a = lambda * meanService;
  const rho = a / c;
  if (!(rho < 1)) throw new RangeError(`a stationary start needs load < 1, got ρ = ${rho.toFixed(3)}`);
  const below: number[] = [1];
  for (let n = 1; n < c; n++) below.push((below[n - 1]! * a) / n);
  const atC = (below[c - 1]! * a) / c;
  const total = below.reduce((s, x) => s + x, 0) + atC / (1 - rho);
  let u = rng.next() * total;
  for (let n = 0; n < c; n++) if ((u -= below[n]!) < 0) return n;
  let term = atC;
  for (let n = c; ; n++) {
    if ((u -= term) < 0) return n;
    term *= rho;
  }
}

/** Build the in-memory hall of a scenario: config, catalogue, counter devices, staff signed in. */
async function openHall(s: Scenario, clock: { now: number }) {
  const config = resolveConfig(
    { port: 0, hashCost: 10, logLevel: "silent", timeZone: s.timezone, queue: scenarioCallPolicy(s) },
    "/nonexistent-simulated-hall",
  );
  const ctx = createContext({
    db: openDatabase(":memory:"),
    config,
    clock: () => clock.now,
    keyring: generateKeyring(),
    log: pino({ level: "silent" }),
  });
  await importCatalogJson(ctx, scenarioCatalog(s));
  ctx.reloadMemory();
  const windows: SimWindow[] = [];
  for (const spec of [...s.windows].sort((a, b) => a.id - b.id)) {
    const device = createDevice(ctx, { name: `counter-${spec.id}`, kind: "counter", windowNumber: spec.id }).device;
    const windowId = ctx.catalog.windowsByNumber.get(spec.id)!.id;
    const staffId = ctx.catalog.staffByNo.get(`S${String(spec.id).padStart(3, "0")}`)!.id;
    windows.push({
      spec,
      windowId,
      staffId,
      principal: { kind: "staff", staffId, role: "staff", windowId, deviceId: device.id, tokenHash: "" },
      busy: false,
      pausedUntil: null,
      breaks: spec.breaks.map(([from, to]) => [from, to] as [number, number]).sort((a, b) => a[0] - b[0]),
    });
  }
  return { ctx, windows };
}

async function signIn(ctx: HallContext, w: SimWindow): Promise<void> {
  const caller: Principal = {
    kind: "device",
    deviceId: w.principal.deviceId!,
    deviceKind: "counter",
    windowId: w.windowId,
  };
  await staffLogin(
    ctx,
    { employeeNo: `S${String(w.spec.id).padStart(3, "0")}`, pin: PIN, windowNumber: w.spec.id },
    caller,
    "simulator",
  );
}

/**
 * Simulate one day of `scenario` with `options.seed` (see the file comment). Deterministic: the same scenario,
 * seed and options give the same records. Throws when a real use case refuses what the rules say must work (a bug
 * in the simulator or the server, never silently skipped).
 */
export async function simulateHallDay(scenario: Scenario, options: HallDayOptions): Promise<HallDayResult> {
  const openMinute = Number(scenario.open.slice(0, 2)) * 60 + Number(scenario.open.slice(3));
  const t0 = serviceDayStart(scenario.date, scenario.timezone) + openMinute * 60_000;
  const clock = { now: t0 };
  const { ctx, windows } = await openHall(scenario, clock);
  const forecaster = forecasterOf(ctx);
  forecaster.options = options.forecast
    ? { ...forecaster.options, minIntervalMs: 0, ...options.forecastOptions }
    : { ...forecaster.options, minIntervalMs: Infinity, maxAgeMs: Infinity, maxRuns: 1, minRuns: 1 };
  for (const w of windows) await signIn(ctx, w);

  const arrivalsRng = createRng(options.seed);
  const serviceRng = createRng((options.seed ^ 0x9e3779b9) >>> 0);
  const queue = new EventQueue();
  const records = new Map<number, TicketRecord>();
  const minuteNow = () => (clock.now - t0) / 60_000;
  const items = new Map(scenario.items.map((i) => [i.code, i]));
  let endMinute = 0;

  for (
    let t = nextArrivalMinute(arrivalsRng, scenario, 0);
    t < Infinity;
    t = nextArrivalMinute(arrivalsRng, scenario, t)
  ) {
    const { item, priority } = drawArrival(arrivalsRng, scenario);
    queue.push(t, { kind: "arrival", itemCode: item.code, priority });
  }
  for (const w of windows) {
    for (const [from, to] of w.breaks) {
      queue.push(from, { kind: "breakStart", window: w });
      queue.push(to, { kind: "breakEnd", window: w });
    }
    for (let m = SIGN_IN_EVERY_MINUTES; m < scenario.issueUntil + 24 * 60; m += SIGN_IN_EVERY_MINUTES)
      queue.push(m, { kind: "signIn", window: w });
  }

  const at = (w: SimWindow) => ({ staffId: w.staffId, windowId: w.windowId });

  /** The window takes its break if one is due, else calls the next ticket through the real policy. */
  const free = (w: SimWindow): void => {
    w.busy = false;
    if (!takeBreak(w)) call(w);
  };

  /** The window takes a break that is due now, if any (the scenario's break rule); whether it did. */
  const takeBreak = (w: SimWindow): boolean => {
    const due = takeDueBreak(w.breaks, minuteNow());
    if (!due) return false;
    pauseWindow(ctx, w.principal, "lunch break");
    w.pausedUntil = due[1];
    return true;
  };

  const call = (w: SimWindow): void => {
    if (w.busy || w.pausedUntil !== null) return;
    let ticketId: number;
    try {
      ticketId = callNext(ctx, at(w)).id;
    } catch (e) {
      if (e instanceof AppError && e.code === "no_ticket") return;
      throw e;
    }
    w.busy = true;
    const now = minuteNow();
    const record = records.get(ticketId)!;
    if (record.calledMinute === null) {
      record.calledMinute = now;
      record.calledBy = w.spec.id;
    }
    const outcome = drawCall(serviceRng, scenario, items.get(record.itemCode)!);
    if (outcome.noShow) {
      record.noShow = true;
      queue.push(now + scenario.noShowMinutes, { kind: "noShow", window: w });
      return;
    }
    queue.push(now + outcome.walkMinutes, { kind: "start", window: w });
    queue.push(now + outcome.walkMinutes + outcome.handleMinutes, { kind: "finish", window: w });
  };

  let truth: OracleTruth | undefined;
  /** The oracle's forecast for a ticket just issued, from everything the simulator knows now. */
  const oracleAt = (ticketId: number, runs: number): OracleForecast => {
    truth ??= oracleTruth(
      scenario,
      ctx.config.queue,
      new Map([...ctx.catalog.itemsByCode].map(([code, item]) => [code, item.id])),
    );
    const state = {
      openingMs: t0,
      nowMinute: minuteNow(),
      ticketId,
      waiting: ctx.queues,
      windows: windows.map((w) => {
        const inHand = ctx.store.tickets.atWindow(w.windowId);
        return {
          windowId: w.windowId,
          staffId: w.staffId,
          eligibleItems: ctx.catalog.eligibleItems(w.staffId, w.windowId),
          priorityStreak: ctx.store.windows.get(w.windowId)!.priority_streak,
          busy:
            inHand && (inHand.state === "called" || inHand.state === "serving")
              ? { itemId: inHand.item_id, phase: inHand.state, sinceMs: inHand.state_at }
              : null,
          pausedUntilMinute: w.pausedUntil,
          breaks: w.breaks,
        };
      }),
    };
    // Its own generator per ticket: the day's draws are the same with the oracle or without.
    const seed = (Math.imul(options.seed, 0x9e3779b1) + Math.imul(ticketId, 0x85ebca6b)) >>> 0;
    return oracleForecast(truth, state, runs, seed);
  };

  const issue = (itemCode: string, priority: "normal" | "elderly", initial: boolean): number => {
    const issuer = { kind: "staff" as const, staffId: windows[0]!.staffId };
    const answer = issueTicket(ctx, { itemCode, priority, agent: false }, issuer);
    const id = answer.ticket.id;
    const record: TicketRecord = {
      ticketId: id,
      itemCode,
      priority,
      arrivedMinute: minuteNow(),
      calledMinute: null,
      calledBy: null,
      noShow: false,
      initial,
    };
    if (options.forecast && !initial) {
      const f = ticketForecast(ctx, id)!;
      const itemId = ctx.catalog.itemsByCode.get(itemCode)!.id;
      const baseline = expectedWaitMinutes({
        peopleAhead: ctx.queues.position(id),
        qualifiedStaff: qualifiedStaffCount(ctx, itemId),
        handleMinutes: ctx.catalog.itemsById.get(itemId)!.handleEstimate,
      }).minutes;
      record.told = {
        meanMinutes: f.meanMinutes,
        lowMinutes: f.lowMinutes,
        highMinutes: f.highMinutes,
        staffed: f.staffed,
        baselineMinutes: baseline,
        peopleAhead: ctx.queues.position(id),
        windowFree: windows.some((w) => !w.busy && w.pausedUntil === null && Object.hasOwn(w.spec.skills, itemCode)),
      };
    }
    if (options.oracleRuns !== undefined && !initial) record.oracle = oracleAt(id, options.oracleRuns);
    records.set(id, record);
    return id;
  };

  if (scenario.initialState === "stationary") {
    const lambda = (scenario.hourlyArrivals[0]! * scenario.load) / 60;
    const shareTotal = scenario.items.reduce((s, i) => s + i.share, 0);
    const meanService = scenario.items.reduce((s, i) => s + i.share * i.meanMinutes, 0) / shareTotal;
    const n = stationaryMmcCount(arrivalsRng, lambda, meanService, windows.length);
    for (let k = 0; k < n; k++) {
      issue(pickItem(arrivalsRng, scenario).code, "normal", true);
      // The first c tickets are in service at opening (memoryless: a fresh handle time is the remaining one).
      const w = windows.find((x) => !x.busy && Object.hasOwn(x.spec.skills, [...records.values()].at(-1)!.itemCode));
      if (!w) continue;
      const id = callNext(ctx, at(w)).id;
      Object.assign(records.get(id)!, { calledMinute: 0, calledBy: w.spec.id });
      startService(ctx, at(w));
      w.busy = true;
      queue.push(handleMinutes(serviceRng, items.get(records.get(id)!.itemCode)!), { kind: "finish", window: w });
    }
  }

  while (queue.size > 0) {
    const { t, e } = queue.pop();
    clock.now = t0 + t * 60_000;
    switch (e.kind) {
      case "arrival": {
        issue(e.itemCode, e.priority, false);
        const idle = windows.find((w) => !w.busy && w.pausedUntil === null && Object.hasOwn(w.spec.skills, e.itemCode));
        if (idle) call(idle);
        break;
      }
      case "start":
        startService(ctx, at(e.window));
        break;
      case "finish":
        finishService(ctx, at(e.window));
        endMinute = Math.max(endMinute, t);
        free(e.window);
        break;
      case "noShow":
        noShow(ctx, at(e.window));
        endMinute = Math.max(endMinute, t);
        free(e.window);
        break;
      case "breakStart":
        // A busy window takes it when its service ends (`free`).
        if (!e.window.busy && e.window.pausedUntil === null) takeBreak(e.window);
        break;
      case "breakEnd":
        if (e.window.pausedUntil !== null) {
          resumeWindow(ctx, e.window.principal);
          e.window.pausedUntil = null;
          call(e.window);
        }
        break;
      case "signIn":
        // Only while the day still has work: the last events end the run.
        if ([...records.values()].some((r) => r.calledMinute === null) || queue.size > windows.length * 3)
          await signIn(ctx, e.window);
        break;
    }
    // The day is over when nothing waits, nobody is served and no arrival is left: drop the remaining sign-ins.
    if (t >= scenario.issueUntil && windows.every((w) => !w.busy) && ctx.queues.size === 0) break;
  }
  ctx.db.close();
  return { scenario: scenario.name, seed: options.seed, tickets: [...records.values()], endMinute };
}
