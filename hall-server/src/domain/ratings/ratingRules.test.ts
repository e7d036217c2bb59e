import { describe, expect, it } from "vitest";
import { addWorkingDays, isWorkingDay } from "../serviceDay.ts";
import { DEFAULT_INDICATORS } from "./indicators.ts";
import { defaultDue, indicatorProblem, provincialStateOf, reasonPending } from "./ratingRules.ts";

const none = { holidays: new Set<string>(), workdays: new Set<string>() };

describe("rating rules", () => {
  it("when a bad review has neither indicator nor text, then its reason is pending; any reason, or a level 3-5, is complete", () => {
    expect(reasonPending(1, [], "")).toBe(true);
    expect(reasonPending(2, [], "   ")).toBe(true);
    expect(reasonPending(2, ["B05"], "")).toBe(false);
    expect(reasonPending(1, [], "态度差")).toBe(false);
    expect(reasonPending(3, [], "")).toBe(false);
  });

  it("when indicator codes are checked, then an unknown code and a code not offered for the level are named", () => {
    expect(indicatorProblem(DEFAULT_INDICATORS, ["B05", "B07"], 1)).toBeUndefined();
    expect(indicatorProblem(DEFAULT_INDICATORS, ["B05", "nope"], 1)).toBe(
      'unknown indicator code "nope" (indicator list onewindow-2026.11)',
    );
    expect(indicatorProblem(DEFAULT_INDICATORS, ["G01"], 2)).toContain("not offered for level 2");
  });

  it("when the provincial state of a new rating is chosen, then a pending reason holds it and a local-only item never goes", () => {
    expect(provincialStateOf(true, false)).toBe("held");
    expect(provincialStateOf(false, false)).toBe("pending");
    expect(provincialStateOf(true, true)).toBe("local_only");
  });

  it("when the delay has passed exactly, then the default is due, and not a millisecond before", () => {
    expect(defaultDue(1_000, 500, 1_499)).toBe(false);
    expect(defaultDue(1_000, 500, 1_500)).toBe(true);
  });
});

describe("working days", () => {
  it("when counting from a Friday, then the weekend is skipped", () => {
    expect(addWorkingDays("2026-11-27", 1, none)).toBe("2026-11-30");
    expect(addWorkingDays("2026-11-25", 15, none)).toBe("2026-12-16");
  });

  it("when a holiday falls in the span, then it is skipped, and a worked weekend day (调休) counts", () => {
    const calendar = { holidays: new Set(["2026-10-01", "2026-10-02"]), workdays: new Set(["2026-10-10"]) };
    expect(isWorkingDay("2026-10-01", calendar)).toBe(false);
    expect(isWorkingDay("2026-10-10", calendar)).toBe(true);
    // Wed 30 Sep -> Thu/Fri holidays, Mon 5 (1) … Fri 9 (5), Sat 10 worked (6).
    expect(addWorkingDays("2026-09-30", 6, calendar)).toBe("2026-10-10");
  });

  it("when the count is not a whole number of at least one, then it is refused", () => {
    expect(() => addWorkingDays("2026-11-25", 0, none)).toThrow(RangeError);
  });
});
