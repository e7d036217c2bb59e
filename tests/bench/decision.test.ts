import { describe, expect, it } from "vitest";
import { defaultCallPolicy, selectNext } from "../../hall-server/src/domain/index.ts";
import { runDecisionBench } from "./decisionBench.ts";
import { buildDecisionHall, busyHall } from "./decisionHall.ts";

const small = { ...busyHall, tickets: 2_000, items: 20, windows: 50, eligibleMin: 2, eligibleMax: 10 };

describe("buildDecisionHall", () => {
  it("when built, then every class and both kinds of transfer are present and each window has its item range", () => {
    const hall = buildDecisionHall(small);
    expect(hall.queues.size).toBe(2_000);
    const tickets = [...hall.queues];
    for (const cls of ["appointment", "green", "elderly", "normal"])
      expect(tickets.some((t) => t.priority === cls)).toBe(true);
    expect(tickets.some((t) => t.targetStaffId)).toBe(true);
    expect(tickets.some((t) => t.targetWindowId)).toBe(true);
    for (const w of hall.windows) {
      expect(w.eligibleItems.size).toBeGreaterThanOrEqual(2);
      expect(w.eligibleItems.size).toBeLessThanOrEqual(10);
      for (const weight of w.eligibleItems.values()) expect(weight).toBeGreaterThanOrEqual(1);
    }
  });

  it("when built twice with the same seed, then the halls are identical", () => {
    const a = [...buildDecisionHall(small).queues].sort((x, y) => x.id - y.id);
    const b = [...buildDecisionHall(small).queues].sort((x, y) => x.id - y.id);
    expect(a).toEqual(b);
  });

  it("when every window asks for its next ticket, then it only gets an eligible or a targeted one", () => {
    const hall = buildDecisionHall(small);
    for (const ctx of hall.windows) {
      const d = selectNext(hall.queues, ctx, defaultCallPolicy);
      if (!d) continue;
      const t = hall.queues.get(d.ticketId)!;
      if (d.rule === "targeted")
        expect(t.targetStaffId === ctx.staffId || t.targetWindowId === ctx.windowId).toBe(true);
      else expect(ctx.eligibleItems.has(t.itemId)).toBe(true);
    }
  });

  it("when the shape is inconsistent, then a RangeError is thrown", () => {
    expect(() => buildDecisionHall({ ...small, eligibleMax: 21 })).toThrow(RangeError);
    expect(() => buildDecisionHall({ ...small, tickets: 0 })).toThrow(RangeError);
  });
});

describe("runDecisionBench", () => {
  it("when run, then one sample per timed call is taken and the queue keeps its size", () => {
    const r = runDecisionBench(3_000, 100, small);
    expect(r.micros.count).toBe(3_000);
    expect(r.micros.p50).toBeLessThanOrEqual(r.micros.p99);
    expect(Object.values(r.rules).reduce((a, b) => a + b, 0)).toBe(3_000);
    expect(r.waiting).toBe(2_000);
    // The synthetic mix exercises more than one rule.
    expect(Object.values(r.rules).filter((n) => n > 0).length).toBeGreaterThan(2);
  });
});
