import { describe, expect, it } from "vitest";
import { driverLogger, logHealth } from "./logger.ts";
import { createMemoryLog } from "./memoryLog.ts";

describe("driverLogger", () => {
  it("when no logger is given, then the driver gets a silent one", () => {
    const log = driverLogger(undefined, { module: "led-strip", device: "/dev/ttyUSB0" });
    expect(log.level).toBe("silent");
    expect(log.isLevelEnabled("error")).toBe(false);
  });

  it("when a logger is given, then every line carries the driver's module and device", () => {
    const memory = createMemoryLog("info");
    driverLogger(memory.logger, { module: "led-strip", device: "/dev/ttyUSB0" }).info("hello");
    driverLogger(memory.logger, { module: "evaluation-keypad" }).info("hi");
    expect(memory.lines()).toMatchObject([
      { module: "led-strip", device: "/dev/ttyUSB0", msg: "hello" },
      { module: "evaluation-keypad", msg: "hi" },
    ]);
    expect(memory.lines()[1]).not.toHaveProperty("device");
  });

  it("when the host logger is at info, then a driver's debug lines are dropped", () => {
    const memory = createMemoryLog("info");
    const log = driverLogger(memory.logger, { module: "printer" });
    log.debug("resend");
    log.info("reconnected");
    expect(memory.lines().map((line) => line.msg)).toEqual(["reconnected"]);
  });
});

describe("logHealth", () => {
  it("when health turns degraded or disconnected, then it is a warn line with state, reason and code; connected is info", () => {
    const memory = createMemoryLog("debug");
    const log = driverLogger(memory.logger, { module: "printer" });
    logHealth(log, { state: "degraded", reason: "out of paper", code: "paper-out", since: 1 });
    logHealth(log, { state: "disconnected", reason: "printer unplugged", code: "unplugged", since: 2 });
    logHealth(log, { state: "connected", reason: "", since: 3 });
    expect(memory.lines()).toMatchObject([
      { level: 40, module: "printer", state: "degraded", reason: "out of paper", code: "paper-out" },
      { level: 40, state: "disconnected", reason: "printer unplugged", msg: "health disconnected: printer unplugged" },
      { level: 30, state: "connected", msg: "health connected" },
    ]);
  });
});
