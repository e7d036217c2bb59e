import { describe, expect, it } from "vitest";
import { erlangB, erlangC, serversForTarget, serviceLevel } from "./erlangC.ts";

/** The textbook closed form with factorials (fine for small c): an independent check of the recursion. */
function erlangCByFactorials(c: number, a: number): number {
  let term = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    sum += term;
    term = (term * a) / (k + 1);
  }
  const top = term * (c / (c - a)); // a^c / c! × c / (c − a)
  return top / (sum + top);
}

describe("erlangC: hand-checked values", () => {
  it.each([
    // label, λ per minute, handle minutes, servers, P(wait), Wq minutes
    // M/M/1: P(wait) = ρ, Wq = ρ s / (1 − ρ).
    ["M/M/1 at half load", 0.5, 1, 1, 0.5, 1],
    // a = 2 erlangs on 3 servers: C = 4/9 (B(3,2) = 4/19, C = B / (1 − ρ(1 − B))).
    ["a = 2 on 3 servers", 2, 1, 3, 4 / 9, 4 / 9],
    // The M/M/4 hall at 90% load (shared/scenarios/mmc-day.json: expectedWq 11.82).
    ["M/M/4 at 90% (λ = 0.6/min, s = 6 min)", 0.6, 6, 4, 0.78775, 11.8163],
    // The call-centre worked example: 100 calls per 30 min, 180 s handle, 11 agents -> 68.2% wait, 122.8 s mean.
    ["100 calls / 30 min, 3 min, 11 agents", 100 / 30, 3, 11, 0.68212, 122.781 / 60],
    ["100 calls / 30 min, 3 min, 12 agents", 100 / 30, 3, 12, 0.44939, 40.445 / 60],
  ])("when %s, then P(wait) and Wq match", (_label, lambda, s, c, pw, wq) => {
    const r = erlangC({ arrivalsPerMinute: lambda, handleMinutes: s, servers: c });
    expect(r.stable).toBe(true);
    expect(r.waitProbability).toBeCloseTo(pw, 4);
    expect(r.meanWaitMinutes).toBeCloseTo(wq, 3);
  });

  it("when c is small, then the recursion agrees with the factorial formula", () => {
    for (const c of [1, 2, 5, 10, 20])
      for (const rho of [0.1, 0.5, 0.8, 0.95]) {
        const a = rho * c;
        expect(erlangC({ arrivalsPerMinute: a, handleMinutes: 1, servers: c }).waitProbability).toBeCloseTo(
          erlangCByFactorials(c, a),
          10,
        );
      }
  });

  it("when there are thousands of servers, then the values stay finite and sane (no factorial overflow)", () => {
    const r = erlangC({ arrivalsPerMinute: 4950, handleMinutes: 1, servers: 5000 });
    expect(r.stable).toBe(true);
    expect(r.waitProbability).toBeGreaterThan(0);
    expect(r.waitProbability).toBeLessThan(1);
    expect(Number.isFinite(r.meanWaitMinutes)).toBe(true);
    expect(erlangB(5000, 4950)).toBeGreaterThan(0);
  });
});

describe("erlangC: edge cases", () => {
  it.each([
    ["load = 1 (a = c)", 1, 4, 4],
    ["load > 1", 1, 5, 4],
    ["no servers", 0.1, 5, 0],
    ["a = c up to float noise (0.6/min × 20/3 min on 4 servers)", 0.6, 20 / 3, 4],
  ])("when %s, then the queue is reported unstable: P(wait) 1, Wq Infinity", (_label, lambda, s, c) => {
    const r = erlangC({ arrivalsPerMinute: lambda, handleMinutes: s, servers: c });
    expect(r).toMatchObject({ stable: false, waitProbability: 1, meanWaitMinutes: Number.POSITIVE_INFINITY });
    expect(r.utilisation).toBeGreaterThanOrEqual(1);
    expect(serviceLevel({ arrivalsPerMinute: lambda, handleMinutes: s, servers: c }, 30)).toBe(0);
  });

  it.each([0, 1, 3])("when nobody arrives (%d servers), then nobody waits", (c) => {
    expect(erlangC({ arrivalsPerMinute: 0, handleMinutes: 5, servers: c })).toEqual({
      offeredLoad: 0,
      utilisation: 0,
      stable: true,
      waitProbability: 0,
      meanWaitMinutes: 0,
    });
  });

  it.each([
    [{ arrivalsPerMinute: -1, handleMinutes: 5, servers: 1 }],
    [{ arrivalsPerMinute: Number.NaN, handleMinutes: 5, servers: 1 }],
    [{ arrivalsPerMinute: 1, handleMinutes: 0, servers: 1 }],
    [{ arrivalsPerMinute: 1, handleMinutes: Number.POSITIVE_INFINITY, servers: 1 }],
    [{ arrivalsPerMinute: 1, handleMinutes: 5, servers: 1.5 }],
    [{ arrivalsPerMinute: 1, handleMinutes: 5, servers: -1 }],
  ])("when the queue is %j, then a RangeError is thrown", (q) => {
    expect(() => erlangC(q)).toThrow(RangeError);
  });
});

describe("serviceLevel", () => {
  it("when t = 0, then it is the share that does not wait at all (1 − C)", () => {
    const q = { arrivalsPerMinute: 0.6, handleMinutes: 6, servers: 4 };
    expect(serviceLevel(q, 0)).toBeCloseTo(1 - 0.78775, 4);
  });

  it("when t grows, then it follows 1 − C e^{−(c−a)t/s} (hand-checked at t = 20 s in the call-centre example)", () => {
    // 11 agents, a = 10: 1 − 0.68212 × e^{−(1)(1/3)/3} = 1 − 0.68212 × 0.89484 = 0.38961.
    expect(serviceLevel({ arrivalsPerMinute: 100 / 30, handleMinutes: 3, servers: 11 }, 20 / 60)).toBeCloseTo(
      0.38961,
      4,
    );
  });

  it("when the time is negative, then a RangeError is thrown", () => {
    expect(() => serviceLevel({ arrivalsPerMinute: 1, handleMinutes: 1, servers: 2 }, -1)).toThrow(RangeError);
  });
});

describe("serversForTarget", () => {
  it.each([
    // λ = 0.6, s = 6 (a = 3.6): Wq(4) = 11.82 ≤ 15, Wq(4) > 10, Wq(5) = 1.76 ≤ 10.
    [0.6, 6, 15, 4],
    [0.6, 6, 10, 5],
    // 100 calls / 30 min, 3 min: Wq(12) = 0.674 min, Wq(13) = 0.285 min, so a 0.5-minute target needs 13.
    [100 / 30, 3, 0.5, 13],
    // Target 0 (nobody may wait on average) is reached only in the limit: C > 0 for every c with a > 0.
    [0, 6, 0, 0],
  ])("when λ = %d/min, s = %d min, target Wq ≤ %d min, then %d servers", (lambda, s, target, expected) => {
    expect(
      serversForTarget({ arrivalsPerMinute: lambda, handleMinutes: s }, { meanWaitMinutes: target })?.servers,
    ).toBe(expected);
  });

  it("when a service level is also asked, then the answer meets both", () => {
    // 80% answered within 20 s needs 14 agents in the call-centre example (13 give 79.6%).
    const found = serversForTarget(
      { arrivalsPerMinute: 100 / 30, handleMinutes: 3 },
      { meanWaitMinutes: 60, serviceLevel: { withinMinutes: 20 / 60, share: 0.8 } },
    );
    expect(found?.servers).toBe(14);
  });

  it("when the cap is too low, then null", () => {
    expect(serversForTarget({ arrivalsPerMinute: 10, handleMinutes: 1 }, { meanWaitMinutes: 1 }, 10)).toBeNull();
  });

  it("when the target is not a finite number ≥ 0, then a RangeError is thrown", () => {
    expect(() => serversForTarget({ arrivalsPerMinute: 1, handleMinutes: 1 }, { meanWaitMinutes: -1 })).toThrow(
      RangeError,
    );
  });
});
