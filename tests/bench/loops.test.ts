import { describe, expect, it } from "vitest";
import { throughput } from "./clock.ts";
import { closedLoop } from "./closedLoop.ts";
import { createFakeClock } from "./fakeClock.ts";
import { openLoop } from "./openLoop.ts";

describe("openLoop", () => {
  it("when the server answers at once, then rate × duration requests go out on the timetable with zero latency", async () => {
    const clock = createFakeClock();
    const sentAt: number[] = [];
    const r = await openLoop({
      ratePerSecond: 500,
      durationMs: 20,
      clock,
      send: () => (sentAt.push(clock.now()), Promise.resolve(true)),
    });
    expect(sentAt).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(r.ok).toBe(10);
    expect(r.latenciesMs).toEqual(Array(10).fill(0));
  });

  it("when the client stalls, then the late requests' latencies count from their scheduled times", async () => {
    const clock = createFakeClock();
    let n = 0;
    const r = await openLoop({
      ratePerSecond: 1000,
      durationMs: 5,
      clock,
      send: () => {
        if (n++ === 0) clock.advance(10); // the first send blocks the client for 10 ms
        return Promise.resolve(true);
      },
    });
    expect(r.latenciesMs.sort((a, b) => b - a)).toEqual([10, 9, 8, 7, 6]);
    expect(r.elapsedMs).toBe(10);
    expect(throughput(r)).toBe(500);
  });

  it("when some answers have the wrong status, then they are counted as failed", async () => {
    let n = 0;
    const r = await openLoop({
      ratePerSecond: 1000,
      durationMs: 4,
      clock: createFakeClock(),
      send: () => Promise.resolve(n++ % 2 === 0),
    });
    expect(r.ok).toBe(2);
    expect(r.failed).toBe(2);
  });

  it("when a connection fails, then the error is kept and no further request is sent", async () => {
    let n = 0;
    const r = await openLoop({
      ratePerSecond: 500,
      durationMs: 100,
      clock: createFakeClock(),
      send: () => (n++ === 2 ? Promise.reject(new Error("ECONNRESET")) : Promise.resolve(true)),
    });
    expect(n).toBe(3);
    expect(r.error?.message).toBe("ECONNRESET");
    expect(r.ok).toBe(2);
  });

  it("when answers are still missing at the drain deadline, then they count as unanswered with their wait so far", async () => {
    const clock = createFakeClock();
    let n = 0;
    const r = await openLoop({
      ratePerSecond: 1000,
      durationMs: 3,
      drainTimeoutMs: 10,
      clock,
      // The second request is never answered.
      send: () => (n++ === 1 ? new Promise<boolean>(() => undefined) : Promise.resolve(true)),
    });
    expect(r.ok).toBe(2);
    expect(r.unanswered).toBe(1);
    // Sent at 1 ms, given up at 2 + 10 ms.
    expect(r.latenciesMs.sort((a, b) => b - a)).toEqual([11, 0, 0]);
    expect(r.elapsedMs).toBe(12);
  });

  it("when every answer arrives before the drain deadline, then nothing is unanswered", async () => {
    const r = await openLoop({
      ratePerSecond: 1000,
      durationMs: 3,
      drainTimeoutMs: 10,
      clock: createFakeClock(),
      send: () => Promise.resolve(true),
    });
    expect(r.unanswered).toBe(0);
    expect(r.ok).toBe(3);
  });

  it("when the rate or duration is not positive, then a RangeError is thrown", async () => {
    const send = () => Promise.resolve(true);
    await expect(openLoop({ ratePerSecond: 0, durationMs: 1, send })).rejects.toThrow(RangeError);
    await expect(openLoop({ ratePerSecond: 1, durationMs: Number.NaN, send })).rejects.toThrow(RangeError);
  });
});

describe("closedLoop", () => {
  it("when each request takes 1 ms, then clients keep sending until the duration is over and never after", async () => {
    const clock = createFakeClock();
    const sentAt: number[] = [];
    const r = await closedLoop({
      concurrency: 4,
      durationMs: 10,
      clock,
      send: async () => {
        sentAt.push(clock.now());
        await clock.sleep(1);
        return true;
      },
    });
    expect(sentAt.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...sentAt)).toBeLessThan(10);
    expect(r.ok).toBe(sentAt.length);
    expect(r.latenciesMs).toHaveLength(sentAt.length);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(10);
  });

  it("when maxRequests is set, then exactly that many requests are sent", async () => {
    const clock = createFakeClock();
    let n = 0;
    const r = await closedLoop({
      concurrency: 4,
      durationMs: 1e9,
      maxRequests: 7,
      clock,
      send: async () => (n++, await clock.sleep(1), true),
    });
    expect(n).toBe(7);
    expect(r.ok).toBe(7);
  });

  it("when stopWhen fires, then every client stops after its request in flight", async () => {
    const clock = createFakeClock();
    let n = 0;
    const r = await closedLoop({
      concurrency: 3,
      durationMs: 1e9,
      clock,
      send: async () => (await clock.sleep(1), ++n <= 5),
      stopWhen: (ok) => !ok,
    });
    expect(r.ok).toBe(5);
    expect(r.failed).toBeGreaterThanOrEqual(1);
    expect(r.failed).toBeLessThanOrEqual(3);
  });

  it("when a connection fails, then the error is kept and every client stops", async () => {
    const clock = createFakeClock();
    let n = 0;
    const r = await closedLoop({
      concurrency: 2,
      durationMs: 1e9,
      clock,
      send: async () => {
        await clock.sleep(1);
        if (++n === 4) throw new Error("socket hang up");
        return true;
      },
    });
    expect(r.error?.message).toBe("socket hang up");
    expect(n).toBeLessThanOrEqual(5);
  });

  it("when concurrency is not a positive integer, then a RangeError is thrown", async () => {
    await expect(closedLoop({ concurrency: 0, durationMs: 1, send: () => Promise.resolve(true) })).rejects.toThrow(
      RangeError,
    );
  });
});
