import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as domain from "./index.ts";

describe("domain index", () => {
  it("when the domain is imported through its index, then every entry point the server calls is there", () => {
    const names = [
      "serviceDayOf",
      "serviceDayStart",
      "serviceDayEnd",
      "nextServiceDayBoundary",
      "localMinutes",
      "ageOn",
      "capRefusal",
      "slotCapAt",
      "countsTowardCaps",
      "formatTicketNumber",
      "transition",
      "canReactivate",
      "WaitingQueues",
      "selectNext",
      "validateCallPolicyConfig",
      "mayCall",
      "callOrder",
      "isTerminal",
      "checkInPriority",
      "recallOutcome",
      "transferTicket",
      "updateHandleEstimate",
      "expectedWaitMinutes",
      "classifyCheckIn",
      "isUnclaimed",
    ] as const;
    for (const name of names) expect(typeof domain[name], name).toBe("function");
    expect(domain.defaultCallPolicy.priorityPerNormal).toBeGreaterThanOrEqual(0);
  });

  it("when the domain sources are scanned, then none imports node built-ins or I/O modules", () => {
    // The repo-wide pure-layer lint block is overridden for hall-server by a later block, so check here too.
    const files = readdirSync(import.meta.dirname).filter(
      (f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith(".bench.ts"),
    );
    const io =
      /(?:from|import)\s*\(?\s*["'](node:[^"']*|fs|net|child_process|serialport|node-hid|better-sqlite3|express|ws|pino)["'/]/;
    const offenders = files.filter((f) => io.test(readFileSync(join(import.meta.dirname, f), "utf8")));
    expect(files.length).toBeGreaterThan(5);
    expect(offenders).toEqual([]);
  });
});
