import type { TicketState } from "@onewindow/contract";
import { TicketState as TicketStateEnum } from "@onewindow/contract";
import { describe, expect, it } from "vitest";
import { TICKET_ACTION_TYPES, canReactivate, isTerminal, transition, type TicketAction } from "./ticketMachine.ts";

const x = null; // refused

// Written out by hand (not derived from the implementation): rows are states, columns the actions in
// TICKET_ACTION_TYPES order: confirmPrint, void, call, recall, start, finish, noShow, transfer, hold, unhold, cancel,
// reactivate, expire.
const EXPECTED: Record<TicketState, (TicketState | null)[]> = {
  // A held number only prints (and waits) or is voided: never called, cancelled or expired.
  reserved: ["waiting", "voided", x, x, x, x, x, x, x, x, x, x, x],
  voided: [x, x, x, x, x, x, x, x, x, x, x, x, x],
  waiting: [x, x, "called", x, x, x, x, x, x, x, "cancelled", x, "expired"],
  called: [x, x, x, "called", "serving", x, "no_show", "waiting", x, x, "cancelled", x, x],
  serving: [x, x, x, x, x, "done", x, "waiting", "on_hold", x, x, x, x],
  on_hold: [x, x, x, x, x, x, x, "waiting", x, "serving", "cancelled", x, x],
  no_show: [x, x, x, x, x, x, x, x, x, x, x, "waiting", x],
  done: [x, x, x, x, x, x, x, x, x, x, x, x, x],
  transferred: [x, x, x, x, x, x, x, x, x, x, x, x, x],
  cancelled: [x, x, x, x, x, x, x, x, x, x, x, x, x],
  expired: [x, x, x, x, x, x, x, x, x, x, x, x, x],
};

const cases = TicketStateEnum.options.flatMap((state) =>
  TICKET_ACTION_TYPES.map((action, i) => [state, action, EXPECTED[state][i] ?? null] as const),
);

describe("transition", () => {
  it("when the table is checked, then it covers every state and every action", () => {
    expect(cases).toHaveLength(11 * 13);
    expect(Object.keys(EXPECTED).sort()).toEqual([...TicketStateEnum.options].sort());
  });

  it.each(cases)("when a %s ticket gets %s, then the result is %s", (state, action, expected) => {
    const result = transition(state, { type: action });
    if (expected === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toBe(`cannot ${action} a ticket that is ${state}`);
    } else {
      expect(result).toMatchObject({ ok: true, next: expected });
    }
  });

  it.each(["called", "serving", "on_hold"] as const)(
    "when a %s ticket is transferred, then it waits again and its current request closes as transferred",
    (state) => {
      expect(transition(state, { type: "transfer" })).toEqual({
        ok: true,
        next: "waiting",
        closedRequest: "transferred",
      });
    },
  );

  it("when an action other than transfer succeeds, then no closed request is reported", () => {
    expect(transition("waiting", { type: "call" })).toEqual({ ok: true, next: "called" });
  });

  it("when the state or action is not a known value, then it is refused without throwing", () => {
    expect(transition("bogus" as TicketState, { type: "call" })).toEqual({
      ok: false,
      reason: 'unknown ticket state "bogus"',
    });
    expect(transition("toString" as TicketState, { type: "call" }).ok).toBe(false);
    expect(transition("waiting", { type: "fly" } as unknown as TicketAction)).toEqual({
      ok: false,
      reason: 'unknown ticket action "fly"',
    });
    expect(transition("waiting", { type: "constructor" } as unknown as TicketAction).ok).toBe(false);
  });
});

describe("the rules of issue 7", () => {
  it("when a ticket is only called, not in service, then hold is refused; from serving it is allowed", () => {
    expect(transition("called", { type: "hold" })).toEqual({
      ok: false,
      reason: "cannot hold a ticket that is called",
    });
    expect(transition("serving", { type: "hold" })).toEqual({ ok: true, next: "on_hold" });
  });

  it.each(["called", "serving", "on_hold", "no_show"] as const)(
    "when a %s ticket meets the end of its service day, then it does not expire (it finishes normally)",
    (state) => {
      expect(transition(state, { type: "expire" }).ok).toBe(false);
    },
  );

  it("when a waiting ticket meets the end of its service day, then it expires for good", () => {
    expect(transition("waiting", { type: "expire" })).toEqual({ ok: true, next: "expired" });
    expect(isTerminal("expired")).toBe(true);
  });
});

describe("isTerminal", () => {
  it.each([
    ["done", true],
    ["cancelled", true],
    ["transferred", true],
    ["no_show", false],
    ["waiting", false],
    ["called", false],
    ["serving", false],
    ["on_hold", false],
    ["expired", true],
    ["reserved", false],
    ["voided", true],
  ] as const)("when the state is %s, then terminal is %s", (state, terminal) => {
    expect(isTerminal(state)).toBe(terminal);
  });
});

describe("canReactivate", () => {
  const t0 = Date.parse("2024-05-06T02:00:00Z");
  const min = 60_000;
  it.each([
    ["just after the no-show", t0 + 1, 30, true],
    ["exactly at the window's end", t0 + 30 * min, 30, true],
    ["one ms past the window", t0 + 30 * min + 1, 30, false],
    ["long after", t0 + 5 * 60 * min, 30, false],
    ["the clock stepped back a little", t0 - 500, 30, true],
    ["the window is 0 (disabled)", t0, 0, false],
    ["the window is negative", t0, -5, false],
    ["the window is NaN", t0, Number.NaN, false],
    ["now is NaN", Number.NaN, 30, false],
  ] as const)("when %s, then %s", (_label, now, windowMinutes, expected) => {
    expect(canReactivate(t0, now, windowMinutes)).toBe(expected);
  });
});
