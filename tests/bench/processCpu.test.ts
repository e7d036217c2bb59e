import { describe, expect, it } from "vitest";
import { parseProcStatCpuMs, processCpuMs } from "./processCpu.ts";

const tail = "S 1 2 3 0 -1 4194560 900 0 0 0 250 31 0 0 20 0 11 0 12345 1000000 5000";

describe("parseProcStatCpuMs", () => {
  it("when utime is 250 and stime 31 ticks, then the CPU time is 2,810 ms", () => {
    expect(parseProcStatCpuMs(`4242 (node) ${tail}`)).toBe(2810);
  });

  it("when the command name holds spaces and parentheses, then the fields are still found", () => {
    expect(parseProcStatCpuMs(`4242 (node (x) y) ${tail}`)).toBe(2810);
  });

  it("when the text is truncated or garbage, then the result is null", () => {
    expect(parseProcStatCpuMs("4242 (node) S 1 2 3")).toBeNull();
    expect(parseProcStatCpuMs("no parenthesis here")).toBeNull();
    expect(parseProcStatCpuMs("1 (a) S 1 2 3 0 -1 4 9 0 0 0 x y")).toBeNull();
  });
});

describe("processCpuMs", () => {
  it("when the process does not exist or no pid is given, then the result is null", () => {
    expect(processCpuMs(undefined)).toBeNull();
    expect(processCpuMs(2 ** 30)).toBeNull();
  });

  it.runIf(process.platform === "linux")("when reading this process on Linux, then a CPU time is returned", () => {
    const ms = processCpuMs(process.pid);
    expect(ms).not.toBeNull();
    expect(ms).toBeGreaterThanOrEqual(0);
  });
});
