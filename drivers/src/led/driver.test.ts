import { afterEach, describe, expect, it } from "vitest";
import { nextEvent as next } from "../core/nextEvent.ts";
import { createPtyPair } from "../core/ptyPair.ts";
import { SerialTransport } from "../core/serialTransport.ts";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";
import type { DeviceHealth } from "../core/health.ts";
import { LedStrip } from "./driver.ts";
import { VirtualLedStrip } from "./virtual.ts";

describe("LedStrip against VirtualLedStrip (two addresses on one PTY line)", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  async function rig() {
    const pair = await createPtyPair();
    const strips = new VirtualLedStrip({ path: pair.devicePath, addresses: [1, 2] });
    await strips.start();
    const bus = new LedStrip({
      transport: new SerialTransport({ path: pair.hostPath }),
      ackTimeoutMs: 400,
      reconnectInitialMs: 20,
    });
    await bus.open();
    cleanup.push(async () => {
      await bus.close();
      await strips.stop();
      await pair.dispose();
    });
    return { pair, strips, bus };
  }

  it("when text is shown on two addresses concurrently, then each strip shows its own GB18030 text and layout", async () => {
    const { strips, bus } = await rig();
    await Promise.all([
      bus.show("请A023到1号窗口", { address: 1, line: 1, effect: "scroll", colour: "green", speed: 4, fontSize: 24 }),
      bus.show("B007", { address: 2, line: 2 }),
      bus.show("暂停服务", { address: 2, line: 1, effect: "flash" }),
    ]);
    expect(strips.state(1).lines.get(1)).toEqual({
      text: "请A023到1号窗口",
      line: 1,
      effect: "scroll",
      speed: 4,
      colour: "green",
      fontSize: 24,
    });
    expect(strips.textAt(2, 2)).toBe("B007");
    expect(strips.textAt(2, 1)).toBe("暂停服务");
    expect(strips.textAt(1, 2)).toBeUndefined();
  });

  it("when a line is cleared, all are cleared, brightness and idle text are set, then the strips record it", async () => {
    const { strips, bus } = await rig();
    await bus.show("one", { address: 1, line: 1 });
    await bus.show("two", { address: 1, line: 2 });
    await bus.clear({ address: 1, line: 1 });
    expect(strips.textAt(1, 1)).toBeUndefined();
    expect(strips.textAt(1, 2)).toBe("two");
    await bus.clear({ address: 1 });
    expect(strips.state(1).lines.size).toBe(0);
    await bus.brightness(3, { address: 2 });
    await bus.setIdleText("欢迎光临", { address: 2 });
    expect(strips.state(2).brightness).toBe(3);
    expect(strips.state(1).brightness).toBe(15);
    expect(strips.state(2).idle.get(1)?.text).toBe("欢迎光临");
  });

  it("when the strip answers bad-checksum twice, then the driver resends and the third attempt lands", async () => {
    const { strips, bus } = await rig();
    strips.badChecksumNext = 2;
    await bus.show("A001");
    expect(strips.received.get(1)).toBe(3);
    expect(strips.textAt(1)).toBe("A001");
  });

  it("when the strip always answers bad-checksum, then the command rejects NotAcknowledged after 4 attempts", async () => {
    const { strips, bus } = await rig();
    strips.badChecksumNext = 100;
    const error: unknown = await bus.show("A001").catch((e: unknown) => e);
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.NotAcknowledged);
    expect(strips.received.get(1)).toBe(4);
  });

  it("when a reply is dropped or corrupted on the wire, then the command is retried and succeeds", async () => {
    const { strips, bus } = await rig();
    strips.faults.dropNext = 1;
    await bus.brightness(7);
    strips.faults.corruptNext = 1;
    await bus.brightness(9);
    expect(strips.state(1).brightness).toBe(9);
    expect(strips.received.get(1)).toBe(4);
  });

  it("when replies are slow, split and preceded by garbage, then commands still complete", async () => {
    const { strips, bus } = await rig();
    strips.faults.delayMs = 50;
    strips.faults.split = true;
    strips.faults.garbage = Uint8Array.of(0x55, 0x00, 0xaa);
    await bus.show("慢", { address: 2 });
    expect(strips.textAt(2)).toBe("慢");
  });

  it("when an address never answers, then the command times out, health degrades, and the other address still works", async () => {
    const { strips, bus } = await rig();
    strips.silent.add(2);
    const degraded = next<DeviceHealth>(bus, "health", (h) => h.state === "degraded");
    const error: unknown = await bus.show("x", { address: 2 }).catch((e: unknown) => e);
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.Timeout);
    await degraded;
    const recovered = next<DeviceHealth>(bus, "health", (h) => h.state === "connected");
    await bus.show("y", { address: 1 });
    await recovered;
    expect(strips.textAt(1)).toBe("y");
  });

  it("when address 0 broadcasts a clear, then both strips clear and nothing waits for a reply", async () => {
    const { strips, bus } = await rig();
    await bus.show("a", { address: 1 });
    await bus.show("b", { address: 2 });
    const bothCleared = Promise.all([
      next(strips, "changed", (c: { address: number }) => c.address === 1),
      next(strips, "changed", (c: { address: number }) => c.address === 2),
    ]);
    await bus.clear({ address: 0 });
    await bothCleared;
    expect(strips.textAt(1)).toBeUndefined();
    expect(strips.textAt(2)).toBeUndefined();
  });

  it("when the line is unplugged and replugged, then health follows and commands work again", async () => {
    const { pair, strips, bus } = await rig();
    const down = next<DeviceHealth>(bus, "health", (h) => h.state === "disconnected");
    await pair.unplug();
    await down;
    const up = next<DeviceHealth>(bus, "health", (h) => h.state === "connected");
    const stripsBack = next(strips, "reconnected");
    await pair.replug();
    await Promise.all([up, stripsBack]);
    await bus.show("back");
    expect(strips.textAt(1)).toBe("back");
  });
});
