import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  defaultCallPolicy,
  selectNext,
  validateCallPolicyConfig,
  type CallContext,
  type CallPolicyConfig,
  type CallRule,
} from "./callPolicy.ts";
import { WaitingQueues, type WaitingTicket } from "./waitingQueues.ts";

const T0 = Date.parse("2024-05-06T01:00:00Z");
const MIN = 60_000;
const NOW = T0 + 100 * MIN;
// Items, staff members and windows by their row ids.
const [A, B, C, D] = [1, 2, 3, 4];
const [S1, S2] = [1, 2];
const [W1, W2] = [1, 2];
// Tickets are named in the table; a ticket's id is its name's rank in this sorted list, so ties broken by the
// smaller id go to the alphabetically first name.
const NAMES = [
  "a",
  "a1",
  "a2",
  "b",
  "c",
  "c1",
  "d",
  "due",
  "e",
  "g",
  "g1",
  "g2",
  "moved",
  "n",
  "n1",
  "n2",
  "new",
  "new2",
  "old",
  "t",
  "t1",
  "t2",
  "t3",
  "theirs",
  "x",
  "y",
];
const id = (name: string): number => {
  const rank = NAMES.indexOf(name);
  if (rank < 0) throw new Error(`unknown ticket name ${name}`);
  return rank + 1;
};
/** A ticket of item A, normal, that arrived `ago` minutes before NOW. */
const tk = (name: string, ago: number, over: Partial<WaitingTicket> = {}): WaitingTicket => ({
  id: id(name),
  itemId: A,
  priority: "normal",
  arrivedAt: NOW - ago * MIN,
  ...over,
});
const green = { priority: "green" } as const;
const elderly = { priority: "elderly" } as const;
/** An appointment ticket whose slot starts `inMin` minutes after NOW. */
const appt = (inMin: number | null) =>
  ({ priority: "appointment", appointmentAt: inMin === null ? null : NOW + inMin * MIN }) as const;

const config: CallPolicyConfig = {
  priorityPerNormal: 3,
  starvationMinutes: 60,
  appointmentEarlyMinutes: 5,
  skillWeightMinutes: 2,
};
const ctx = (over: Partial<CallContext> = {}): CallContext => ({
  nowMs: NOW,
  windowId: W1,
  staffId: S1,
  eligibleItems: new Map([
    [A, 5],
    [B, 5],
  ]),
  priorityStreak: 0,
  ...over,
});

type Row = [
  label: string,
  tickets: WaitingTicket[],
  over: { ctx?: Partial<CallContext>; config?: Partial<CallPolicyConfig> },
  expected: [name: string, rule: CallRule, streak: number] | null,
];

const rows: Row[] = [
  // Nothing to take.
  ["nothing waits", [], {}, null],
  ["only an item outside the eligible set waits", [tk("c1", 5, { itemId: C })], {}, null],
  ["only a ticket targeted at another staff member waits", [tk("t", 90, { targetStaffId: S2 })], {}, null],
  ["only a ticket targeted at another window waits", [tk("t", 90, { targetWindowId: W2 })], {}, null],
  [
    "only a ticket targeted at me but at another window waits",
    [tk("t", 90, { targetStaffId: S1, targetWindowId: W2 })],
    {},
    null,
  ],
  [
    "an eligible item has weight but nothing waits for it",
    [tk("c1", 5, { itemId: C })],
    { ctx: { eligibleItems: new Map([[A, 9]]) } },
    null,
  ],
  // 1. Targeted.
  [
    "a ticket targeted at me waits (item not eligible)",
    [tk("t", 1, { itemId: C, targetStaffId: S1 })],
    {},
    ["t", "targeted", 0],
  ],
  ["a ticket targeted at my window waits", [tk("n", 50), tk("t", 1, { targetWindowId: W1 })], {}, ["t", "targeted", 0]],
  [
    "a ticket targeted at me at this window waits",
    [tk("t", 1, { targetStaffId: S1, targetWindowId: W1 })],
    {},
    ["t", "targeted", 0],
  ],
  [
    "a targeted ticket and a starving ticket wait",
    [tk("old", 200), tk("due", 1, appt(-30)), tk("t", 1, { targetStaffId: S1 })],
    {},
    ["t", "targeted", 0],
  ],
  [
    "several tickets are targeted at me, my window and me at my window",
    [
      tk("t1", 5, { targetStaffId: S1 }),
      tk("t2", 7, { targetWindowId: W1 }),
      tk("t3", 6, { targetStaffId: S1, targetWindowId: W1 }),
    ],
    {},
    ["t2", "targeted", 0],
  ],
  [
    "a targeted call leaves the streak alone",
    [tk("t", 1, { targetStaffId: S1, ...green })],
    { ctx: { priorityStreak: 2 } },
    ["t", "targeted", 2],
  ],
  [
    "a much older ticket is targeted at someone else",
    [tk("theirs", 500, { targetStaffId: S2 }), tk("n", 3)],
    {},
    ["n", "normal", 0],
  ],
  // 2. Starvation.
  [
    "a normal ticket waited past the bound while green and a due appointment wait",
    [tk("g", 30, green), tk("d", 10, appt(0)), tk("n", 61)],
    {},
    ["n", "starvation", 0],
  ],
  ["a normal ticket waited exactly the bound", [tk("g", 30, green), tk("n", 60)], {}, ["g", "priority", 1]],
  [
    "several tickets starve across items and classes",
    [tk("n", 70), tk("e", 80, { itemId: B, ...elderly }), tk("g", 75, green)],
    {},
    ["e", "starvation", 1],
  ],
  [
    "starvation is disabled (0)",
    [tk("g", 30, green), tk("n", 600)],
    { config: { starvationMinutes: 0 } },
    ["g", "priority", 1],
  ],
  [
    "an appointment ticket waited past the bound but its slot is not due",
    [tk("a", 90, appt(60)), tk("n", 10)],
    {},
    ["n", "normal", 0],
  ],
  [
    "the starving ticket is of an item not eligible here",
    [tk("c", 300, { itemId: C }), tk("n", 10)],
    {},
    ["n", "normal", 0],
  ],
  // 3. Due appointments.
  [
    "a due appointment and an older green ticket wait",
    [tk("g", 50, green), tk("a", 2, appt(0))],
    {},
    ["a", "appointment", 0],
  ],
  [
    "an appointment's slot starts within the early window",
    [tk("g", 50, green), tk("a", 2, appt(5))],
    {},
    ["a", "appointment", 0],
  ],
  [
    "an appointment's slot starts just after the early window",
    [tk("g", 50, green), tk("a", 2, appt(5.001))],
    {},
    ["g", "priority", 1],
  ],
  [
    "appointments of two items are due",
    [tk("a1", 20, appt(-1)), tk("a2", 1, { itemId: B, ...appt(-3) })],
    {},
    ["a2", "appointment", 0],
  ],
  ["an appointment ticket has no slot", [tk("g", 50, green), tk("a", 1, appt(null))], {}, ["a", "appointment", 0]],
  [
    "an appointment call leaves the streak alone",
    [tk("a", 1, appt(0))],
    { ctx: { priorityStreak: 2 } },
    ["a", "appointment", 2],
  ],
  [
    "the early window is widened",
    [tk("g", 50, green), tk("a", 2, appt(20))],
    { config: { appointmentEarlyMinutes: 30 } },
    ["a", "appointment", 0],
  ],
  // 4. Priority classes.
  [
    "green and an older elderly ticket wait",
    [tk("e", 40, elderly), tk("g", 10, green), tk("n", 50)],
    {},
    ["g", "priority", 1],
  ],
  ["elderly and normal wait", [tk("e", 10, elderly), tk("n", 50)], {}, ["e", "priority", 1]],
  [
    "green tickets of two items wait",
    [tk("g1", 10, green), tk("g2", 12, { itemId: B, ...green })],
    {},
    ["g2", "priority", 1],
  ],
  [
    "the streak reached the ratio and a normal waits",
    [tk("g", 10, green), tk("n", 5)],
    { ctx: { priorityStreak: 3 } },
    ["n", "normal", 0],
  ],
  [
    "the streak reached the ratio and no normal waits",
    [tk("g", 10, green)],
    { ctx: { priorityStreak: 3 } },
    ["g", "priority", 4],
  ],
  [
    "the streak is one below the ratio",
    [tk("g", 10, green), tk("n", 5)],
    { ctx: { priorityStreak: 2 } },
    ["g", "priority", 3],
  ],
  [
    "the ratio is 0 and a normal waits",
    [tk("g", 10, green), tk("n", 5)],
    { config: { priorityPerNormal: 0 } },
    ["n", "normal", 0],
  ],
  [
    "the ratio is 0 and no normal waits",
    [tk("g", 10, green)],
    { config: { priorityPerNormal: 0 } },
    ["g", "priority", 1],
  ],
  [
    "the ratio is 1 (alternation) after a normal call",
    [tk("g", 10, green), tk("n", 5)],
    { config: { priorityPerNormal: 1 } },
    ["g", "priority", 1],
  ],
  [
    "the ratio is 1 (alternation) after a priority call",
    [tk("g", 10, green), tk("n", 5)],
    { config: { priorityPerNormal: 1 }, ctx: { priorityStreak: 1 } },
    ["n", "normal", 0],
  ],
  [
    "the ratio is Infinity after many priority calls",
    [tk("g", 10, green), tk("n", 50)],
    { config: { priorityPerNormal: Infinity }, ctx: { priorityStreak: 999 } },
    ["g", "priority", 1000],
  ],
  [
    "the ratio is reached but the only normal is not eligible",
    [tk("g", 10, green), tk("n", 50, { itemId: C })],
    { ctx: { priorityStreak: 5 } },
    ["g", "priority", 6],
  ],
  [
    "a green ticket of an ineligible item waits",
    [tk("g", 10, { itemId: C, ...green }), tk("n", 5)],
    {},
    ["n", "normal", 0],
  ],
  // 5. Normal by wait + skill weight.
  ["two normal tickets with equal weights", [tk("n1", 10), tk("n2", 20, { itemId: B })], {}, ["n2", "normal", 0]],
  [
    "a stronger skill outweighs a longer wait",
    [tk("a", 10), tk("b", 25, { itemId: B })],
    {
      ctx: {
        eligibleItems: new Map([
          [A, 10],
          [B, 1],
        ]),
      },
    },
    ["a", "normal", 0],
  ],
  [
    "skills are ignored (0 minutes per point)",
    [tk("a", 10), tk("b", 25, { itemId: B })],
    {
      ctx: {
        eligibleItems: new Map([
          [A, 10],
          [B, 1],
        ]),
      },
      config: { skillWeightMinutes: 0 },
    },
    ["b", "normal", 0],
  ],
  [
    "scores tie, so the longer wait wins",
    [tk("a", 20), tk("b", 22, { itemId: B })],
    {
      ctx: {
        eligibleItems: new Map([
          [A, 2],
          [B, 1],
        ]),
      },
    },
    ["b", "normal", 0],
  ],
  [
    "scores and arrivals tie, so the smaller id wins",
    [tk("y", 20, { itemId: B }), tk("x", 20)],
    {},
    ["x", "normal", 0],
  ],
  [
    "a transferred ticket kept its early arrival",
    [tk("new", 10), tk("new2", 12), tk("moved", 40)],
    {},
    ["moved", "normal", 0],
  ],
  // 6. Early appointments as a last resort.
  [
    "only a not-yet-due appointment waits",
    [tk("a", 1, appt(40))],
    { ctx: { priorityStreak: 1 } },
    ["a", "appointment", 1],
  ],
  ["a not-yet-due appointment and a normal ticket wait", [tk("a", 30, appt(40)), tk("n", 1)], {}, ["n", "normal", 0]],
  [
    "two not-yet-due appointments wait",
    [tk("a1", 30, appt(40)), tk("a2", 1, { itemId: B, ...appt(20) })],
    {},
    ["a2", "appointment", 0],
  ],
];

describe("selectNext (table)", () => {
  it.each(rows)("when %s, then the call is as expected", (_label, tickets, over, expected) => {
    const queues = new WaitingQueues();
    for (const t of tickets) queues.add(t);
    const decision = selectNext(queues, ctx(over.ctx), { ...config, ...over.config });
    if (expected === null) expect(decision).toBeNull();
    else {
      const [name, rule, priorityStreak] = expected;
      const ticketId = id(name);
      expect(decision).toMatchObject({ ticketId, rule, priorityStreak });
      const chosen = tickets.find((t) => t.id === ticketId)!;
      expect(decision).toMatchObject({ itemId: chosen.itemId, priority: chosen.priority });
    }
    // Deciding never changes the queues.
    expect(queues.size).toBe(tickets.length);
  });
});

describe("selectNext (configuration and context)", () => {
  it("when the defaults are validated, then they are valid", () => {
    expect(validateCallPolicyConfig(defaultCallPolicy)).toEqual([]);
  });

  it.each([
    [{ priorityPerNormal: -1 }, /priorityPerNormal/],
    [{ priorityPerNormal: 1.5 }, /priorityPerNormal/],
    [{ priorityPerNormal: Number.NaN }, /priorityPerNormal/],
    [{ starvationMinutes: -1 }, /starvationMinutes/],
    [{ appointmentEarlyMinutes: Number.POSITIVE_INFINITY }, /appointmentEarlyMinutes/],
    [{ skillWeightMinutes: Number.NaN }, /skillWeightMinutes/],
  ])("when the config has %o, then it is reported and selectNext throws RangeError", (over, message) => {
    const bad = { ...config, ...over };
    expect(validateCallPolicyConfig(bad).join()).toMatch(message);
    expect(() => selectNext(new WaitingQueues(), ctx(), bad)).toThrow(RangeError);
  });

  it.each([
    [{ nowMs: Number.NaN }],
    [{ priorityStreak: -1 }],
    [{ priorityStreak: 0.5 }],
    [{ eligibleItems: new Map([[A, Number.NaN]]) }],
  ])("when the context has %o, then selectNext throws RangeError", (over) => {
    const queues = new WaitingQueues();
    queues.add(tk("n", 1));
    expect(() => selectNext(queues, ctx(over), config)).toThrow(RangeError);
  });
});

// A naive reference: the same rules over the full ticket list, without heads or indexes.
function reference(tickets: WaitingTicket[], c: CallContext, cfg: CallPolicyConfig) {
  const byArrival = (a: WaitingTicket, b: WaitingTicket) => a.arrivedAt - b.arrivedAt || a.id - b.id;
  const slot = (t: WaitingTicket) => t.appointmentAt ?? t.arrivedAt;
  const bySlot = (a: WaitingTicket, b: WaitingTicket) => slot(a) - slot(b) || byArrival(a, b);
  const first = (list: WaitingTicket[], cmp: typeof byArrival) => [...list].sort(cmp)[0];
  const mine = tickets.filter(
    (t) =>
      (t.targetStaffId != null || t.targetWindowId != null) &&
      (t.targetStaffId == null || t.targetStaffId === c.staffId) &&
      (t.targetWindowId == null || t.targetWindowId === c.windowId),
  );
  if (mine.length) return { id: first(mine, byArrival)!.id, rule: "targeted" };
  const open = tickets.filter(
    (t) => t.targetStaffId == null && t.targetWindowId == null && c.eligibleItems.has(t.itemId),
  );
  const starving =
    cfg.starvationMinutes > 0
      ? open.filter((t) => t.priority !== "appointment" && c.nowMs - t.arrivedAt > cfg.starvationMinutes * MIN)
      : [];
  if (starving.length) return { id: first(starving, byArrival)!.id, rule: "starvation" };
  const appts = open.filter((t) => t.priority === "appointment");
  const due = appts.filter((t) => slot(t) - cfg.appointmentEarlyMinutes * MIN <= c.nowMs);
  if (due.length) return { id: first(due, bySlot)!.id, rule: "appointment" };
  const normals = open.filter((t) => t.priority === "normal");
  const prio = open.filter((t) => t.priority === "green").length
    ? open.filter((t) => t.priority === "green")
    : open.filter((t) => t.priority === "elderly");
  if (prio.length && !(c.priorityStreak >= cfg.priorityPerNormal && normals.length))
    return { id: first(prio, byArrival)!.id, rule: "priority" };
  if (normals.length) {
    const score = (t: WaitingTicket) =>
      c.nowMs - t.arrivedAt + c.eligibleItems.get(t.itemId)! * cfg.skillWeightMinutes * MIN;
    return { id: [...normals].sort((a, b) => score(b) - score(a) || byArrival(a, b))[0]!.id, rule: "normal" };
  }
  if (appts.length) return { id: first(appts, bySlot)!.id, rule: "appointment" };
  return null;
}

describe("selectNext (properties)", () => {
  const ticketArb = fc.record({
    itemId: fc.constantFrom(A, B, C, D),
    priority: fc.constantFrom("appointment", "green", "elderly", "normal"),
    arrivedAgo: fc.integer({ min: -2, max: 120 }),
    slotIn: fc.option(fc.integer({ min: -30, max: 60 })),
    // Mostly untargeted, as in a real hall.
    targetStaffId: fc.constantFrom(null, null, null, null, null, null, S1, S2),
    targetWindowId: fc.constantFrom(null, null, null, null, null, null, W1, W2),
  });
  const scenarioArb = fc.record({
    tickets: fc.array(ticketArb, { maxLength: 30 }),
    eligible: fc.dictionary(fc.constantFrom(A, B, C, D), fc.integer({ min: 1, max: 10 }), { minKeys: 1 }),
    staffId: fc.constantFrom(S1, S2),
    windowId: fc.constantFrom(W1, W2),
    priorityStreak: fc.integer({ min: 0, max: 5 }),
    config: fc.record({
      priorityPerNormal: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(Number.POSITIVE_INFINITY)),
      starvationMinutes: fc.constantFrom(0, 30, 60, 90),
      appointmentEarlyMinutes: fc.constantFrom(0, 5, 15),
      skillWeightMinutes: fc.constantFrom(0, 1, 2, 5),
    }),
  });

  it("when any hall state is searched, then the choice is an eligible waiting ticket, never one targeted elsewhere, null only when none is eligible, and equal to a full-scan reference", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const tickets: WaitingTicket[] = s.tickets.map((t, i) => ({
          id: i + 1,
          itemId: t.itemId,
          priority: t.priority,
          arrivedAt: NOW - t.arrivedAgo * MIN,
          appointmentAt: t.priority === "appointment" && t.slotIn !== null ? NOW + t.slotIn * MIN : null,
          targetStaffId: t.targetStaffId,
          targetWindowId: t.targetWindowId,
        }));
        const queues = new WaitingQueues();
        for (const t of tickets) queues.add(t);
        const c: CallContext = {
          nowMs: NOW,
          staffId: s.staffId,
          windowId: s.windowId,
          eligibleItems: new Map(Object.entries(s.eligible).map(([item, weight]) => [Number(item), weight])),
          priorityStreak: s.priorityStreak,
        };
        const decision = selectNext(queues, c, s.config);
        const targetedElsewhere = (t: WaitingTicket) =>
          (t.targetStaffId != null && t.targetStaffId !== c.staffId) ||
          (t.targetWindowId != null && t.targetWindowId !== c.windowId);
        const isTargeted = (t: WaitingTicket) => t.targetStaffId != null || t.targetWindowId != null;
        const eligible = (t: WaitingTicket) =>
          !targetedElsewhere(t) && (isTargeted(t) || c.eligibleItems.has(t.itemId));
        if (decision === null) {
          expect(tickets.some(eligible)).toBe(false);
        } else {
          const chosen = queues.get(decision.ticketId);
          expect(chosen).toBeDefined();
          expect(targetedElsewhere(chosen!)).toBe(false);
          expect(eligible(chosen!)).toBe(true);
          expect(decision.priorityStreak).toBe(
            decision.rule === "targeted" || chosen!.priority === "appointment"
              ? c.priorityStreak
              : chosen!.priority === "normal"
                ? 0
                : c.priorityStreak + 1,
          );
        }
        const ref = reference(tickets, c, s.config);
        expect(decision === null ? null : { id: decision.ticketId, rule: decision.rule }).toEqual(ref);
      }),
      { numRuns: 2000 },
    );
  });
});
