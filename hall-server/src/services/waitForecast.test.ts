/**
 * The hall's forecaster: recomputed only after a change and at most once per interval; in thread mode a stale
 * snapshot is answered at once while its successor is computed off the event loop.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { startTestHall, type TestHall } from "../testing/testHall.ts";
import { ForecastThread } from "./forecastThread.ts";
import { issueTicket } from "./tickets.ts";
import { ticketForecast } from "./waitEstimate.ts";
import { forecasterOf } from "./waitForecast.ts";

const ENQUIRY = "11441702007046212W200010100100";

describe("HallForecaster", () => {
  let hall: TestHall | undefined;
  let thread: ForecastThread | undefined;
  afterEach(async () => {
    await thread?.close();
    await hall?.close();
  });

  const issue = (h: TestHall) =>
    issueTicket(h.server.ctx, { itemCode: ENQUIRY, priority: "normal", agent: false }, { kind: "staff", staffId: 1 });

  it("when nothing changed, then the snapshot is reused; after a change, it is redone once the interval has passed", async () => {
    hall = await startTestHall();
    await hall.login("GW005", 1);
    const forecaster = forecasterOf(hall.server.ctx);
    const first = forecaster.snapshot();
    hall.clock.advance(5000);
    expect(forecaster.snapshot()).toBe(first);
    // The issue answer reads the forecast: the snapshot is 5 s old and the hall changed, so it is redone with the ticket.
    const a = issue(hall);
    expect(forecaster.snapshot()).not.toBe(first);
    expect(forecaster.snapshot().tickets.has(a.ticket.id)).toBe(true);
    // Within the interval (1 s) the next ticket is answered by its item's probe, not by a recompute.
    const b = issue(hall);
    expect(forecaster.snapshot().tickets.has(b.ticket.id)).toBe(false);
    hall.clock.advance(1000);
    expect(forecaster.snapshot().tickets.has(b.ticket.id)).toBe(true);
  });

  it("when it runs in a thread, then a stale snapshot is answered at once and the thread's result follows", async () => {
    hall = await startTestHall();
    await hall.login("GW005", 1);
    const forecaster = forecasterOf(hall.server.ctx);
    thread = new ForecastThread();
    forecaster.useThread(thread);
    const first = forecaster.snapshot();
    const t = issue(hall);
    hall.clock.advance(2000);
    expect(forecaster.snapshot()).toBe(first);
    for (let i = 0; i < 200 && forecaster.snapshot() === first; i++) await sleep(50);
    const next = forecaster.snapshot();
    expect(next).not.toBe(first);
    expect(next.tickets.has(t.ticket.id)).toBe(true);
    expect(next.nowMs).toBe(hall.clock.now);
  }, 30_000);

  it("when tickets are called sooner than they were told, then later forecasts are corrected by what the hall saw", async () => {
    hall = await startTestHall();
    const token = await hall.login("GW005", 1);
    const h = hall;
    const forecaster = forecasterOf(h.server.ctx);
    const act = async (path: string) =>
      expect((await h.api("POST", `/api/counter/${path}`, {}, token)).status).toBe(200);
    issue(h);
    await act("call-next");
    await act("start");
    for (let i = 0; i < 25; i++) {
      const t = issue(h);
      // The answer read at issue is what the ticket was told; the window is busy, so it is more than a minute.
      expect(ticketForecast(h.server.ctx, t.ticket.id)!.meanMinutes).toBeGreaterThan(1);
      // Services of a typical 10 minutes (the catalogue's) that in fact take 3: each ticket waits 3.
      h.clock.advance(3 * 60_000);
      await act("finish");
      await act("call-next");
      await act("start");
    }
    const f = forecaster.calibration.factors();
    expect(f.outcomes).toBe(25);
    expect(f.point).toBeLessThan(0.8);
    // A new ticket's answer is the raw probe (as the snapshot holds it) scaled by the factor.
    const snap = forecaster.snapshot();
    const itemId = h.server.ctx.catalog.itemsByCode.get(ENQUIRY)!.id;
    const at = forecaster.input().probes!.findIndex((p) => p.itemId === itemId && p.priority === "normal");
    const raw = snap.probes[at]!;
    expect(raw.meanMinutes).toBeGreaterThan(0);
    expect(forecaster.newTicket(itemId, "normal").meanMinutes).toBeCloseTo(raw.meanMinutes * f.point, 6);
  }, 60_000);
});
