import { describe, expect, it } from "vitest";
import { capacityByGroup, splitServers } from "./sharedServers.ts";

const shareOf = (shares: Map<number, Map<string, number>>, window: number, group: string): number =>
  shares.get(window)?.get(group) ?? 0;

describe("splitServers", () => {
  it("when everyone serves one group, then each gives it all their time", () => {
    const shares = splitServers(
      [
        { windowNumber: 1, groups: ["A"] },
        { windowNumber: 2, groups: ["B"] },
      ],
      new Map([
        ["A", 0.5],
        ["B", 0.5],
      ]),
    );
    expect(capacityByGroup(shares)).toEqual(
      new Map([
        ["A", 1],
        ["B", 1],
      ]),
    );
  });

  it("when a person serves two groups, then they count once: their shares add up to 1", () => {
    const shares = splitServers(
      [{ windowNumber: 1, groups: ["A", "B"] }],
      new Map([
        ["A", 0.3],
        ["B", 0.3],
      ]),
    );
    expect(shareOf(shares, 1, "A") + shareOf(shares, 1, "B")).toBeCloseTo(1, 10);
    expect(shareOf(shares, 1, "A")).toBeCloseTo(0.5, 6);
  });

  it("when dedicated staff already cover one group, then the shared person goes to the other", () => {
    // A: 3 dedicated, load 2; B: load 1, only the shared window 4. Equal load per server is impossible: B gets all of 4.
    const shares = splitServers(
      [1, 2, 3].map((n) => ({ windowNumber: n, groups: ["A"] })).concat([{ windowNumber: 4, groups: ["A", "B"] }]),
      new Map([
        ["A", 2],
        ["B", 1],
      ]),
    );
    expect(shareOf(shares, 4, "B")).toBeCloseTo(1, 6);
  });

  it("when loads can be levelled, then the groups end up equally busy per server", () => {
    // A: 1 dedicated, load 1.5; B: 1 dedicated, load 0.5; two shared. Level: (1.5 + 0.5) / 4 = 0.5 per server,
    // so A gets 3 windows' worth (1 + 2 shared), B gets 1 (its own): the shared go to A.
    const shares = splitServers(
      [
        { windowNumber: 1, groups: ["A"] },
        { windowNumber: 2, groups: ["B"] },
        { windowNumber: 3, groups: ["A", "B"] },
        { windowNumber: 4, groups: ["A", "B"] },
      ],
      new Map([
        ["A", 1.5],
        ["B", 0.5],
      ]),
    );
    const cap = capacityByGroup(shares);
    expect(cap.get("A")).toBeCloseTo(3, 2);
    expect(cap.get("B")).toBeCloseTo(1, 2);
  });

  it("when a person's groups all have no load, then their time is split equally (nobody is lost)", () => {
    const shares = splitServers([{ windowNumber: 7, groups: ["A", "B"] }], new Map());
    expect(shareOf(shares, 7, "A")).toBe(0.5);
    expect(shareOf(shares, 7, "B")).toBe(0.5);
  });

  it("when only one of a person's groups has load, then it gets all their time", () => {
    const shares = splitServers([{ windowNumber: 7, groups: ["A", "B"] }], new Map([["A", 0.2]]));
    expect(shareOf(shares, 7, "A")).toBe(1);
    expect(shareOf(shares, 7, "B")).toBe(0);
  });

  it("when a load is negative, then a RangeError is thrown", () => {
    expect(() => splitServers([], new Map([["A", -1]]))).toThrow(RangeError);
  });
});
