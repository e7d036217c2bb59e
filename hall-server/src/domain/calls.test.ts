import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { selectNext, defaultCallPolicy, type CallContext } from "./callPolicy.ts";
import { callOrder, mayCall, recallOutcome, transferTicket } from "./calls.ts";
import { WaitingQueues, type WaitingTicket } from "./waitingQueues.ts";

const T0 = Date.parse("2024-05-06T01:00:00Z");
// Row ids: items A and B, staff S1 and S2, windows W1, W2 and W9, tickets A001 and B005.
const [A, B] = [1, 2];
const [S1, S2] = [1, 2];
const [W1, W2, W9] = [1, 2, 9];
const [A001, B005] = [1, 5];
const caller = { staffId: S1, windowId: W1, eligibleItems: new Map([[A, 5]]) };
const tk = (over: Partial<WaitingTicket> = {}): WaitingTicket => ({
  id: A001,
  itemId: A,
  priority: "normal",
  arrivedAt: T0,
  ...over,
});

describe("mayCall", () => {
  it.each([
    ["an untargeted ticket of an eligible item", {}, null],
    ["an untargeted ticket of another item", { itemId: B }, "not_eligible"],
    ["a ticket targeted at me, of another item", { itemId: B, targetStaffId: S1 }, null],
    ["a ticket targeted at my window", { targetWindowId: W1 }, null],
    ["a ticket targeted at me at my window", { targetStaffId: S1, targetWindowId: W1 }, null],
    ["a ticket targeted at someone else", { targetStaffId: S2 }, "other_staff"],
    ["a ticket targeted at another window", { targetWindowId: W2 }, "other_window"],
    ["a ticket targeted at me at another window", { targetStaffId: S1, targetWindowId: W2 }, "other_window"],
  ] as const)("when I choose %s, then the refusal is %s", (_label, over, why) => {
    const result = mayCall(tk(over), caller);
    expect(result.ok ? null : result.why).toBe(why);
    if (!result.ok) expect(result.reason).toMatch(/^ticket 1\b/);
  });
});

describe("callOrder", () => {
  const ticketArb = fc.record({
    itemId: fc.constantFrom(1, 2, 3),
    priority: fc.constantFrom("appointment", "green", "elderly", "normal"),
    // Few distinct arrivals, so many tickets tie on the millisecond and the id decides.
    arrivedAgo: fc.constantFrom(0, 0, 1, 30, 61, 90),
    slotIn: fc.option(fc.integer({ min: -30, max: 60 })),
    targetStaffId: fc.constantFrom(null, null, null, null, 1, 2),
    targetWindowId: fc.constantFrom(null, null, null, null, 1, 2),
  });
  const scenarioArb = fc.record({
    // Distinct ids in any order of arrival: 9 and 10, 99 and 100 side by side.
    ids: fc.uniqueArray(fc.integer({ min: 1, max: 120 }), { maxLength: 30 }),
    tickets: fc.array(ticketArb, { minLength: 30, maxLength: 30 }),
    eligible: fc.uniqueArray(fc.tuple(fc.constantFrom(1, 2, 3), fc.integer({ min: 1, max: 10 })), {
      selector: ([item]) => item,
      minLength: 1,
    }),
    staffId: fc.constantFrom(1, 2),
    windowId: fc.constantFrom(1, 2),
    priorityStreak: fc.integer({ min: 0, max: 4 }),
    priorityPerNormal: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(Number.POSITIVE_INFINITY)),
  });

  it("when any hall's waiting tickets are ordered for a caller, then it is exactly the order repeated call-next takes them, and holds every ticket mayCall accepts", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const now = T0 + 120 * 60_000;
        const waiting: WaitingTicket[] = s.ids.map((id, i) => {
          const t = s.tickets[i]!;
          return {
            id,
            itemId: t.itemId,
            priority: t.priority,
            arrivedAt: now - t.arrivedAgo * 60_000,
            appointmentAt: t.priority === "appointment" && t.slotIn !== null ? now + t.slotIn * 60_000 : null,
            targetStaffId: t.targetStaffId,
            targetWindowId: t.targetWindowId,
          };
        });
        const ctx: CallContext = {
          nowMs: now,
          staffId: s.staffId,
          windowId: s.windowId,
          eligibleItems: new Map(s.eligible),
          priorityStreak: s.priorityStreak,
        };
        const config = { ...defaultCallPolicy, priorityPerNormal: s.priorityPerNormal };
        const listed = callOrder(waiting, ctx, config).map((d) => d.ticketId);

        // Call next again and again over the whole hall (other callers' tickets included).
        const hall = new WaitingQueues();
        for (const t of waiting) hall.add(t);
        const called: number[] = [];
        let priorityStreak = s.priorityStreak;
        for (let d = selectNext(hall, ctx, config); d; d = selectNext(hall, { ...ctx, priorityStreak }, config)) {
          called.push(d.ticketId);
          hall.remove(d.ticketId);
          priorityStreak = d.priorityStreak;
        }
        expect(listed).toEqual(called);
        const mine = waiting.filter((t) => mayCall(t, ctx).ok).map((t) => t.id);
        expect([...listed].sort((a, b) => a - b)).toEqual(mine.sort((a, b) => a - b));
        expect(callOrder(waiting, ctx, config, 3)).toEqual(callOrder(waiting, ctx, config).slice(0, 3));
      }),
      { numRuns: 500 },
    );
  });
});

describe("recallOutcome", () => {
  it.each([
    [0, 2, { action: "recall", recalls: 1 }],
    [1, 2, { action: "recall", recalls: 2 }],
    [2, 2, { action: "noShow", recalls: 2 }],
    [5, 2, { action: "noShow", recalls: 5 }],
    [0, 0, { action: "noShow", recalls: 0 }],
  ])("when recalled %i times with a limit of %i, then the press gives %o", (so, max, expected) => {
    expect(recallOutcome(so, max)).toEqual(expected);
  });

  it.each([
    [-1, 2],
    [0.5, 2],
    [0, -1],
    [0, Number.NaN],
  ])("when the counts are (%d, %d), then a RangeError is thrown", (so, max) => {
    expect(() => recallOutcome(so, max)).toThrow(RangeError);
  });
});

describe("transferTicket", () => {
  it("when a ticket is transferred to another item and staff member, then it keeps its id and arrival", () => {
    const moved = transferTicket(tk({ targetWindowId: W9 }), { itemId: B, targetStaffId: S2 });
    expect(moved).toEqual({
      id: A001,
      itemId: B,
      priority: "normal",
      arrivedAt: T0,
      appointmentAt: null,
      targetStaffId: S2,
      targetWindowId: null,
    });
  });

  it("when an appointment ticket is transferred, then its slot follows it unless its class changes", () => {
    const appt = tk({ priority: "appointment", appointmentAt: T0 + 30 * 60_000 });
    expect(transferTicket(appt, { itemId: B }).appointmentAt).toBe(T0 + 30 * 60_000);
    expect(transferTicket(appt, { itemId: B, priority: "green" })).toMatchObject({
      priority: "green",
      appointmentAt: null,
    });
  });

  it("when the transferred ticket is re-queued, then it goes ahead of later arrivals and only its target takes it", () => {
    const q = new WaitingQueues();
    q.add(tk({ id: B005, itemId: B, arrivedAt: T0 + 20 * 60_000 }));
    q.add(transferTicket(tk(), { itemId: B }));
    expect(q.position(A001)).toBe(0);
    q.add(transferTicket(tk(), { itemId: B, targetStaffId: S2 }));
    const ctx = { nowMs: T0 + 30 * 60_000, windowId: W1, eligibleItems: new Map([[B, 5]]), priorityStreak: 0 };
    expect(selectNext(q, { ...ctx, staffId: S1 }, defaultCallPolicy)?.ticketId).toBe(B005);
    expect(selectNext(q, { ...ctx, staffId: S2 }, defaultCallPolicy)).toMatchObject({
      ticketId: A001,
      rule: "targeted",
    });
  });

  it("when the target item is empty, then a RangeError is thrown", () => {
    expect(() => transferTicket(tk(), { itemId: 0 })).toThrow(RangeError);
  });
});
