import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WaitingQueues, type WaitingTicket } from "./waitingQueues.ts";

const T0 = Date.parse("2024-05-06T01:00:00Z");
const min = 60_000;
// Items, staff members and windows by their row ids.
const [I1, I2, OTHER] = [1, 2, 99];
const [S1, S2, S3] = [1, 2, 3];
const [W1, W2, W3] = [1, 2, 3];
// A ticket's id is its name's rank in this sorted list, so ties broken by the smaller id go to the first name.
const NAMES = [
  "a",
  "ap",
  "b",
  "c",
  "d",
  "e",
  "e1",
  "early-bird",
  "f",
  "g",
  "g1",
  "h",
  "keep",
  "late1",
  "late2",
  "mid",
  "n1",
  "n2",
  "no-slot",
  "nt",
  "old",
  "on-time",
  "tg",
  "toS1",
  "toS1W2",
  "toS2",
  "toW1",
  "x",
];
const id = (name: string): number => NAMES.indexOf(name) + 1 || 999;
const t = (name: string, over: Partial<WaitingTicket> = {}): WaitingTicket => ({
  id: id(name),
  itemId: I1,
  priority: "normal",
  arrivedAt: T0,
  ...over,
});

describe("WaitingQueues", () => {
  it("when tickets are added and removed, then size, has, get and countByItem follow", () => {
    const q = new WaitingQueues();
    q.add(t("a"));
    q.add(t("b", { itemId: I2 }));
    q.add(t("c", { targetStaffId: S1 }));
    expect(q.size).toBe(3);
    expect(q.countByItem(I1)).toBe(2);
    expect(q.countByItem(I2)).toBe(1);
    expect(q.countByItem(OTHER)).toBe(0);
    expect(q.has(id("a"))).toBe(true);
    expect(q.get(id("b"))?.itemId).toBe(I2);
    expect(q.remove(id("a"))).toBe(true);
    expect(q.remove(id("a"))).toBe(false);
    expect(q.remove(id("c"))).toBe(true);
    expect(q.has(id("a"))).toBe(false);
    expect(q.get(id("a"))).toBeUndefined();
    expect(q.countByItem(I1)).toBe(0);
    expect(q.size).toBe(1);
    expect(q.targetedHead(S1, W1)).toBeUndefined();
  });

  it("when a ticket with a known id is added again, then it replaces the old one (transfer as upsert)", () => {
    const q = new WaitingQueues();
    q.add(t("a", { arrivedAt: T0 + 5 * min }));
    q.add(t("a", { itemId: I2, arrivedAt: T0 + 5 * min }));
    expect(q.size).toBe(1);
    expect(q.countByItem(I1)).toBe(0);
    expect(q.countByItem(I2)).toBe(1);
    expect(q.heads(I1)).toEqual({});
    expect(q.heads(I2).normal?.id).toBe(id("a"));
  });

  it("when the caller mutates the object it added, then the index is unaffected", () => {
    const q = new WaitingQueues();
    const mine = t("a");
    q.add(mine);
    mine.arrivedAt = 0;
    mine.itemId = OTHER;
    expect(q.get(id("a"))).toMatchObject({ itemId: I1, arrivedAt: T0 });
    expect(Object.isFrozen(q.get(id("a")))).toBe(true);
  });

  it("when a transferred ticket with an older arrival is inserted, then it goes before later arrivals", () => {
    const q = new WaitingQueues();
    q.add(t("late1", { arrivedAt: T0 + 30 * min }));
    q.add(t("late2", { arrivedAt: T0 + 40 * min }));
    q.add(t("old", { arrivedAt: T0 + 10 * min }));
    q.add(t("mid", { arrivedAt: T0 + 35 * min }));
    expect(q.heads(I1).normal?.id).toBe(id("old"));
    expect(["old", "late1", "mid", "late2"].map((name) => q.position(id(name)))).toEqual([0, 1, 2, 3]);
  });

  it("when arrivals are equal, then the id breaks the tie", () => {
    const q = new WaitingQueues();
    q.add(t("b"));
    q.add(t("a"));
    q.add(t("c"));
    expect(["a", "b", "c"].map((name) => q.position(id(name)))).toEqual([0, 1, 2]);
  });

  it("when several classes wait, then position counts higher classes first, then arrival", () => {
    const q = new WaitingQueues();
    q.add(t("n1", { arrivedAt: T0 }));
    q.add(t("e1", { priority: "elderly", arrivedAt: T0 + 3 * min }));
    q.add(t("g1", { priority: "green", arrivedAt: T0 + 5 * min }));
    q.add(t("ap", { priority: "appointment", arrivedAt: T0 + 9 * min, appointmentAt: T0 + 10 * min }));
    q.add(t("n2", { arrivedAt: T0 + 1 * min }));
    q.add(t("x", { itemId: I2, priority: "green", arrivedAt: T0 - 60 * min }));
    q.add(t("tg", { priority: "green", arrivedAt: T0 - 60 * min, targetStaffId: S1 }));
    expect(
      Object.fromEntries(["ap", "g1", "e1", "n1", "n2", "x", "tg"].map((name) => [name, q.position(id(name))])),
    ).toEqual({
      ap: 0,
      g1: 1,
      e1: 2,
      n1: 3,
      n2: 4,
      x: 0,
      tg: 0,
    });
    expect(q.position(id("missing"))).toBe(-1);
  });

  it("when heads are read, then they are the first untargeted ticket per class", () => {
    const q = new WaitingQueues();
    q.add(t("n2", { arrivedAt: T0 + 2 }));
    q.add(t("n1", { arrivedAt: T0 + 1 }));
    q.add(t("g", { priority: "green" }));
    q.add(t("nt", { arrivedAt: T0, targetWindowId: W1 }));
    const heads = q.heads(I1);
    expect(Object.keys(heads).sort()).toEqual(["green", "normal"]);
    expect(heads.normal?.id).toBe(id("n1"));
    expect(q.head(I1, "green")?.id).toBe(id("g"));
    expect(q.head(I1, "elderly")).toBeUndefined();
    expect(q.head(OTHER, "normal")).toBeUndefined();
  });

  it("when appointment tickets wait, then their order is by slot, not by arrival", () => {
    const q = new WaitingQueues();
    q.add(t("early-bird", { priority: "appointment", arrivedAt: T0, appointmentAt: T0 + 60 * min }));
    q.add(t("on-time", { priority: "appointment", arrivedAt: T0 + 20 * min, appointmentAt: T0 + 30 * min }));
    q.add(t("no-slot", { priority: "appointment", arrivedAt: T0 + 45 * min }));
    expect(q.heads(I1).appointment?.id).toBe(id("on-time"));
    expect(["on-time", "no-slot", "early-bird"].map((name) => q.position(id(name)))).toEqual([0, 1, 2]);
  });

  it("when tickets are targeted, then targetedHead returns the oldest one this staff member at this window may take", () => {
    const q = new WaitingQueues();
    q.add(t("toS1", { arrivedAt: T0 + 3, targetStaffId: S1 }));
    q.add(t("toW1", { arrivedAt: T0 + 2, targetWindowId: W1 }));
    q.add(t("toS1W2", { arrivedAt: T0 + 1, targetStaffId: S1, targetWindowId: W2 }));
    q.add(t("toS2", { arrivedAt: T0, targetStaffId: S2 }));
    expect(q.targetedHead(S1, W1)?.id).toBe(id("toW1"));
    expect(q.targetedHead(S1, W2)?.id).toBe(id("toS1W2"));
    expect(q.targetedHead(S1, W3)?.id).toBe(id("toS1"));
    expect(q.targetedHead(S3, W3)).toBeUndefined();
    expect(q.heads(I1)).toEqual({});
    expect(q.position(id("toS1"))).toBe(0);
  });

  it("when iterated, then every waiting ticket is yielded once", () => {
    const q = new WaitingQueues();
    for (const id of ["a", "b", "c"]) q.add(t(id));
    q.remove(id("b"));
    expect([...q].map((x) => x.id).sort((a, b) => a - b)).toEqual([id("a"), id("c")]);
    expect([...q.values()].length).toBe(2);
  });

  it.each([
    ["a string id", { id: "1" }],
    ["a zero id", { id: 0 }],
    ["a fractional id", { id: 1.5 }],
    ["a missing item", { itemId: "" }],
    ["an unknown class", { priority: "vip" }],
    ["an object's own key as class", { priority: "toString" }],
    ["a class that is not a string", { priority: ["normal"] }],
    ["a NaN arrival", { arrivedAt: Number.NaN }],
    ["an infinite slot", { appointmentAt: Number.POSITIVE_INFINITY }],
    ["an empty staff target", { targetStaffId: "" }],
    ["a string window target", { targetWindowId: "3" }],
  ])("when a ticket has %s, then add throws RangeError and changes nothing", (_label, over) => {
    const q = new WaitingQueues();
    q.add(t("keep"));
    expect(() => q.add({ ...t("keep"), ...over } as unknown as WaitingTicket)).toThrow(RangeError);
    expect(q.size).toBe(1);
    expect(q.get(id("keep"))?.arrivedAt).toBe(T0);
  });

  it("when random adds and removes happen, then positions and heads match a sorted reference", () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("add" as const),
        id: fc.integer({ min: 1, max: 8 }),
        itemId: fc.constantFrom(I1, I2),
        priority: fc.constantFrom("appointment", "green", "elderly", "normal"),
        arrivedAt: fc.integer({ min: 0, max: 20 }),
        appointmentAt: fc.option(fc.integer({ min: 0, max: 20 })),
        targetStaffId: fc.constantFrom(null, null, null, S1, S2),
      }),
      fc.record({ kind: fc.constant("remove" as const), id: fc.integer({ min: 1, max: 8 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const q = new WaitingQueues();
        const ref = new Map<number, WaitingTicket>();
        for (const o of ops) {
          if (o.kind === "add") {
            const { kind: _kind, ...ticket } = o;
            q.add(ticket);
            ref.set(o.id, ticket);
          } else {
            expect(q.remove(o.id)).toBe(ref.delete(o.id));
          }
        }
        expect(q.size).toBe(ref.size);
        const rank = { appointment: 0, green: 1, elderly: 2, normal: 3 };
        const key = (x: WaitingTicket) =>
          [rank[x.priority], x.priority === "appointment" ? (x.appointmentAt ?? x.arrivedAt) : 0, x.arrivedAt] as const;
        const before = (a: WaitingTicket, b: WaitingTicket) => {
          const [ka, kb] = [key(a), key(b)];
          for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]!;
          return a.id < b.id;
        };
        for (const x of ref.values()) {
          const peers = [...ref.values()].filter((y) =>
            x.targetStaffId ? y.targetStaffId === x.targetStaffId : !y.targetStaffId && y.itemId === x.itemId,
          );
          const ahead = x.targetStaffId
            ? peers.filter((y) => y.arrivedAt < x.arrivedAt || (y.arrivedAt === x.arrivedAt && y.id < x.id)).length
            : peers.filter((y) => before(y, x)).length;
          expect(q.position(x.id)).toBe(ahead);
          if (!x.targetStaffId && ahead === 0) expect(Object.values(q.heads(x.itemId))[0]?.id).toBe(x.id);
        }
        for (const item of [I1, I2])
          expect(q.countByItem(item)).toBe([...ref.values()].filter((y) => y.itemId === item).length);
      }),
    );
  });
});
