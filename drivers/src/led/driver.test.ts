import { afterEach, describe, expect, it } from "vitest";
import { nextEvent as next } from "../core/nextEvent.ts";
import { createTestLink, type TestLinkKind } from "../core/linkFixtures.ts";
import { SerialTransport } from "../core/serialTransport.ts";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";
import type { DeviceHealth } from "../core/health.ts";
import { createMemoryLog } from "../core/memoryLog.ts";
import type { Logger } from "pino";
import { LedStrip } from "./driver.ts";
import { VirtualLedStrip } from "./virtual.ts";

describe("LedStrip against VirtualLedStrip (two addresses on one line: memory link; PTY for unplugs)", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  /** Polling is off unless asked for: a poll reply would otherwise eat fault knobs meant for a command's reply. */
  async function rig(
    options: {
      pollIntervalMs?: number;
      ackTimeoutMs?: number;
      retries?: number;
      logger?: Logger;
      link?: TestLinkKind;
    } = {},
  ) {
    const pair = await createTestLink(options.link ?? "memory");
    const strips = new VirtualLedStrip({ ...pair.device, addresses: [1, 2] });
    await strips.start();
    const bus = new LedStrip({
      transport: pair.host,
      addresses: [1, 2],
      pollIntervalMs: options.pollIntervalMs ?? 0,
      ackTimeoutMs: options.ackTimeoutMs ?? 400,
      ...(options.retries === undefined ? {} : { retries: options.retries }),
      reconnect: { initialMs: 20 },
      logger: options.logger,
    });
    const healthSeen: DeviceHealth[] = [];
    bus.on("health", (h) => healthSeen.push(h));
    await bus.open();
    cleanup.push(async () => {
      await bus.close();
      await strips.stop();
      await pair.dispose();
    });
    return { pair, strips, bus, healthSeen };
  }

  /** Resolves once `strips` has answered `count` more status polls at `address`. */
  function polls(strips: VirtualLedStrip, address: number, count: number): Promise<void> {
    let seen = 0;
    return next(strips, "polled", (p: { address: number }) => p.address === address && ++seen === count).then(
      () => undefined,
    );
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
    await strips.setFault("drop", true, { count: 1 });
    await bus.brightness(7);
    await strips.setFault("corrupt", true, { count: 1 });
    await bus.brightness(9);
    expect(strips.state(1).brightness).toBe(9);
    expect(strips.received.get(1)).toBe(4);
  });

  it("when replies are slow, split and preceded by garbage, then commands still complete", async () => {
    const { strips, bus } = await rig();
    await strips.setFault("slow", true, { delayMs: 50 });
    await strips.setFault("split", true);
    await strips.setFault("garbage", true, { bytes: Uint8Array.of(0x55, 0x00, 0xaa) });
    await bus.show("慢", { address: 2 });
    expect(strips.textAt(2)).toBe("慢");
  });

  it("when an address never answers, then the command times out, the line is degraded naming it, and stays so while the other address works", async () => {
    const { strips, bus, healthSeen } = await rig();
    await strips.setFault("silent", true, { addresses: [2] });
    const error: unknown = await bus.show("x", { address: 2 }).catch((e: unknown) => e);
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.Timeout);
    expect(bus.health).toMatchObject({
      state: "degraded",
      code: "address-silent",
      reason: "no reply from LED strip 2",
    });
    await bus.show("y", { address: 1 });
    expect(strips.textAt(1)).toBe("y");
    // Address 1 answering says nothing about address 2: the line must not flip back to connected.
    expect(bus.health.state).toBe("degraded");
    expect(bus.addressHealth.get(1)?.state).toBe("answering");
    expect(bus.addressHealth.get(2)?.state).toBe("silent");
    await strips.setFault("silent", false, { addresses: [2] });
    await bus.show("z", { address: 2 });
    expect(healthSeen.map((h) => h.state)).toEqual(["connected", "degraded", "connected"]);
  });

  it("when a strip goes silent and comes back, then led-strip logs a warn and an info health line, and frame-link each unanswered try at debug", async () => {
    const memory = createMemoryLog("debug");
    const { pair, strips, bus } = await rig({ logger: memory.logger, ackTimeoutMs: 100, retries: 1 });
    await strips.setFault("silent", true, { addresses: [2] });
    await bus.show("x", { address: 2 }).catch(() => undefined);
    await strips.setFault("silent", false, { addresses: [2] });
    await bus.show("y", { address: 2 });
    const health = memory
      .lines()
      .filter((line) => line.module === "led-strip" && String(line.msg).startsWith("health"));
    expect(health).toMatchObject([
      { level: 30, state: "connected", device: pair.host.description },
      { level: 40, state: "degraded", code: "address-silent", reason: "no reply from LED strip 2" },
      { level: 30, state: "connected" },
    ]);
    const tries = memory.lines().filter((line) => line.module === "frame-link" && line.msg === "no reply in time");
    expect(tries).toMatchObject([
      { level: 20, bus: 2, attempt: 1, attempts: 2 },
      { level: 20, bus: 2, attempt: 2, attempts: 2 },
    ]);
  });

  it("when polling is on and strip 2 is dead, then the line degrades once naming it, without flapping, and recovers when it answers", async () => {
    const { strips, bus, healthSeen } = await rig({ pollIntervalMs: 5, ackTimeoutMs: 100, retries: 1 });
    const changes: { address: number; state: string }[] = [];
    bus.on("addressHealth", (c) => changes.push({ address: c.address, state: c.health.state }));
    await strips.setFault("silent", true, { addresses: [2] });
    const degraded = next<DeviceHealth>(bus, "health", (h) => h.state === "degraded");
    expect((await degraded).reason).toBe("no reply from LED strip 2");
    await polls(strips, 1, 10); // ten more rounds with strip 2 still dead
    expect(healthSeen.map((h) => h.state)).toEqual(["connected", "degraded"]);
    expect(strips.received.get(1)).toBeUndefined(); // polls are not display commands
    const recovered = next<DeviceHealth>(bus, "health", (h) => h.state === "connected");
    await strips.setFault("silent", false, { addresses: [2] });
    await recovered;
    expect(changes.filter((c) => c.address === 2).map((c) => c.state)).toEqual(["silent", "answering"]);
    expect(healthSeen.map((h) => h.state)).toEqual(["connected", "degraded", "connected"]);
  });

  it("when no strip answers the polls, then the line is disconnected with code no-reply naming both", async () => {
    const { strips, bus } = await rig({ pollIntervalMs: 5, ackTimeoutMs: 100, retries: 0 });
    await strips.setFault("silent", true, { addresses: [1] });
    await strips.setFault("silent", true, { addresses: [2] });
    const down = await next<DeviceHealth>(bus, "health", (h) => h.state === "disconnected");
    expect(down).toMatchObject({ code: "no-reply", reason: "no reply from any LED strip (1, 2)" });
  });

  it("when the addresses option is empty, repeated or out of range, then the constructor throws BadPayload", () => {
    for (const addresses of [[], [1, 1], [0], [256], [1.5]]) {
      let error: unknown;
      try {
        new LedStrip({ transport: new SerialTransport({ path: "/dev/null" }), addresses });
      } catch (e) {
        error = e;
      }
      expect(isDriverError(error) && error.code).toBe(DriverErrorCode.BadPayload);
    }
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
    const { pair, strips, bus } = await rig({ link: "pty" });
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
