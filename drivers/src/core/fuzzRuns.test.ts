import { describe, expect, it } from "vitest";
import { fuzzRunsFrom } from "./fuzzRuns.ts";

describe("fuzzRunsFrom", () => {
  it("when FUZZ_RUNS is unset or empty, then each property runs 2000 times", () => {
    expect(fuzzRunsFrom(undefined)).toBe(2000);
    expect(fuzzRunsFrom("")).toBe(2000);
  });

  it("when FUZZ_RUNS is a positive integer, then it is the run count", () => {
    expect(fuzzRunsFrom("100000")).toBe(100000);
  });

  it.each(["0", "-5", "1.5", "many"])('when FUZZ_RUNS is "%s", then a clear error names it', (value) => {
    expect(() => fuzzRunsFrom(value)).toThrow(`FUZZ_RUNS must be a positive integer, got "${value}"`);
  });
});
