import { afterEach, describe, expect, it } from "vitest";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";
import type { DeviceHealth } from "../core/health.ts";
import { createMemoryLog } from "../core/memoryLog.ts";
import { nextEvent as next } from "../core/nextEvent.ts";
import type { Logger } from "pino";
import { createPtyPair } from "../core/ptyPair.ts";
import { SerialTransport } from "../core/serialTransport.ts";
import { defaultFrameProfile, type Frame } from "./codec.ts";
import { profileFraming } from "./framing.ts";
import { FrameLink } from "./link.ts";
import { VirtualEndpoint } from "./virtualEndpoint.ts";

const poll = (address: number): Frame => ({ address, command: 0x10, data: new Uint8Array(0) });
const isReplyFrom =
  (address: number) =>
  (f: Frame): "ok" | "ignore" =>
    f.address === address && f.command === 0x90 ? "ok" : "ignore";

describe("FrameLink over a PTY pair", () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step();
    cleanup.length = 0;
  });

  async function rig(logger?: Logger) {
    const pair = await createPtyPair();
    const framing = profileFraming(defaultFrameProfile);
    const device = new VirtualEndpoint(new SerialTransport({ path: pair.devicePath }), framing);
    await device.start();
    // Address 1 answers every poll; every other address is dead.
    device.on("frame", (f) => {
      if (f.address === 1) void device.transmit({ address: 1, command: 0x90, data: Uint8Array.of(0) });
    });
    const link = new FrameLink({
      transport: new SerialTransport({ path: pair.hostPath }),
      framing,
      ackTimeoutMs: 100,
      retries: 2,
      reconnect: { initialMs: 20 },
      logger,
    });
    const healthSeen: DeviceHealth[] = [];
    link.on("health", (h) => healthSeen.push(h));
    await link.open();
    cleanup.push(async () => {
      await link.close();
      await device.stop();
      await pair.dispose();
    });
    return { pair, device, link, healthSeen };
  }

  it("when one address never answers and another does, then the link's health stays the port's: connected, once", async () => {
    const { link, healthSeen } = await rig();
    const error: unknown = await link.request(poll(2), isReplyFrom(2), "poll 2").catch((e: unknown) => e);
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.Timeout);
    expect(isDriverError(error) && error.context).toMatchObject({ address: 2 });
    expect((await link.request(poll(1), isReplyFrom(1))).address).toBe(1);
    expect(healthSeen.map((h) => h.state)).toEqual(["connected"]);
    expect(link.health.state).toBe("connected");
  });

  it("when a request overrides retries, then it is sent exactly 1 + that many times", async () => {
    const { device, link } = await rig();
    const sent: Frame[] = [];
    device.on("frame", (f) => sent.push(f));
    await link.request(poll(3), isReplyFrom(3), "poll 3", { retries: 0 }).catch(() => undefined);
    await link.request(poll(3), isReplyFrom(3), "poll 3").catch(() => undefined);
    // The answered poll to 1 went out last on the same ordered line: every earlier frame has arrived by now.
    await link.request(poll(1), isReplyFrom(1));
    expect(sent.filter((f) => f.address === 3)).toHaveLength(1 + 3);
  });

  it("when the port is unplugged, replugged and then sent garbage, then frame-link logs port health at debug, the reopen at info and the discard as a count", async () => {
    const memory = createMemoryLog("debug");
    const { pair, device, link } = await rig(memory.logger);
    const down = next<DeviceHealth>(link, "health", (h) => h.code === "unplugged");
    await pair.unplug();
    await down;
    const linkBack = next(link, "reconnected");
    const deviceBack = next(device, "reconnected");
    await pair.replug();
    await Promise.all([linkBack, deviceBack]);
    let dropped = 0;
    // The three bytes may arrive in more than one chunk; wait for all of them.
    const discarded = next<{ bytes: Uint8Array }>(link, "discarded", (d) => (dropped += d.bytes.length) >= 3);
    await device.sendRaw(Uint8Array.of(0x13, 0x37, 0x00));
    await discarded;
    const lines = memory.lines();
    expect(lines.every((line) => line.module === "frame-link" && line.device === `serial:${pair.hostPath}`)).toBe(true);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 20, msg: "port health", state: "disconnected", code: "unplugged" }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ level: 30, msg: "port reopened after unplug" }));
    const discards = lines.filter((line) => line.msg === "discarded bytes");
    expect(discards.every((line) => line.level === 20 && line.reason === "no-header")).toBe(true);
    expect(discards.reduce((sum, line) => sum + Number(line.count), 0)).toBe(3);
  });
});
