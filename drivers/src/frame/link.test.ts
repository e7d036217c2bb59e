import { afterEach, describe, expect, it } from "vitest";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";
import type { DeviceHealth } from "../core/health.ts";
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

  async function rig() {
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
    });
    const healthSeen: DeviceHealth[] = [];
    link.on("health", (h) => healthSeen.push(h));
    await link.open();
    cleanup.push(async () => {
      await link.close();
      await device.stop();
      await pair.dispose();
    });
    return { device, link, healthSeen };
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
});
