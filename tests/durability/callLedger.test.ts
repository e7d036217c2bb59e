import { describe, expect, it } from "vitest";
import { CallLedger, type AckedState } from "./callLedger.ts";

const ledgerWith = (last: AckedState): CallLedger => {
  const ledger = new CallLedger();
  ledger.ack(7, "call", "called");
  if (last === "serving" || last === "done") ledger.ack(7, "start", "serving");
  if (last === "done") ledger.ack(7, "finish", "done");
  if (last === "no_show") ledger.ack(7, "noShow", "no_show");
  return ledger;
};

describe("CallLedger", () => {
  it.each([
    ["called", "called", true],
    ["called", "serving", true],
    ["called", "no_show", true],
    ["called", "waiting", false],
    ["called", "done", false],
    ["serving", "serving", true],
    ["serving", "done", true],
    ["serving", "called", false],
    ["serving", "waiting", false],
    ["done", "done", true],
    ["done", "serving", false],
    ["no_show", "no_show", true],
    ["no_show", "waiting", false],
  ] as const)("when %s was acknowledged and %s is found after restart, then consistent is %s", (last, found, ok) => {
    const problems = ledgerWith(last).problems(new Map([[7, found]]));
    expect(problems).toEqual(ok ? [] : [`ticket 7: acknowledged ${last}, found ${found} after restart`]);
  });

  it("when an acknowledged ticket is missing after restart, then it is reported", () => {
    expect(ledgerWith("done").problems(new Map())).toEqual(["ticket 7: acknowledged done, missing after restart"]);
  });

  it("when actions are acknowledged, then each kind is counted apart and the tickets are listed once", () => {
    const ledger = ledgerWith("done");
    ledger.ack(8, "call", "called");
    ledger.ack(8, "recall", "called");
    expect(ledger.acked.call).toEqual(new Set([7, 8]));
    expect(ledger.acked.recall).toEqual(new Set([8]));
    expect(ledger.acked.start).toEqual(new Set([7]));
    expect(ledger.acked.finish).toEqual(new Set([7]));
    expect(ledger.acked.noShow).toEqual(new Set());
    expect(ledger.tickets()).toEqual([7, 8]);
  });

  it("when a start is acknowledged for a ticket never called, then it throws and records nothing", () => {
    const ledger = new CallLedger();
    expect(() => ledger.ack(9, "start", "serving")).toThrow(/ticket 9: start acknowledged before any call/);
    expect(ledger.tickets()).toEqual([]);
    expect(ledger.acked.start.size).toBe(0);
  });
});
