import { describe, expect, it } from "vitest";
import { alertFor, FRESH_ALERTS, type AlertMemory } from "./alertRule.ts";
import type { TicketState } from "@onewindow/contract";

/** Feed answers in order; return the alerts raised. */
function run(
  answers: { state: TicketState; peopleAhead?: number }[],
  threshold: number | null,
): (string | undefined)[] {
  let memory: AlertMemory = FRESH_ALERTS;
  return answers.map((a) => {
    const r = alertFor(memory, a, threshold);
    memory = r.memory;
    return r.alert;
  });
}

describe("the status page's alert rule", () => {
  it("when people ahead fall to the chosen number, then it alerts once, and once more when called", () => {
    const w = (n: number) => ({ state: "waiting" as const, peopleAhead: n });
    expect(run([w(5), w(4), w(3), w(2), w(1), { state: "called" }, { state: "called" }], 3)).toEqual([
      undefined,
      undefined,
      "ahead",
      undefined,
      undefined,
      "called",
      undefined,
    ]);
  });

  it("when the page opens already within the chosen number, then it alerts at once", () => {
    expect(run([{ state: "waiting", peopleAhead: 1 }], 2)).toEqual(["ahead"]);
  });

  it("when the citizen chose no alert, then nothing sounds", () => {
    expect(run([{ state: "waiting", peopleAhead: 0 }, { state: "called" }], null)).toEqual([undefined, undefined]);
  });

  it("when a transfer puts the ticket back behind the chosen number, then both alerts are armed again", () => {
    const answers = [
      { state: "waiting" as const, peopleAhead: 1 },
      { state: "called" as const },
      { state: "serving" as const },
      { state: "waiting" as const, peopleAhead: 4 },
      { state: "waiting" as const, peopleAhead: 2 },
      { state: "called" as const },
    ];
    expect(run(answers, 2)).toEqual(["ahead", "called", undefined, undefined, "ahead", "called"]);
  });
});
