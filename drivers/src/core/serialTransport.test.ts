import { afterEach, describe, expect, it } from "vitest";
import { createPtyPair, type PtyPair } from "./ptyPair.ts";
import { SerialTransport } from "./serialTransport.ts";
import { isDriverError } from "./errors.ts";

describe("SerialTransport over a socat PTY pair", () => {
  let pair: PtyPair | undefined;
  afterEach(async () => {
    await pair?.dispose();
  });

  it("when bytes are written on one end, then they arrive on the other", async () => {
    pair = await createPtyPair();
    const host = new SerialTransport({ path: pair.hostPath });
    const device = new SerialTransport({ path: pair.devicePath });
    await host.open();
    await device.open();
    const received = new Promise<Buffer>((resolve) => device.on("data", resolve));
    await host.write(Uint8Array.of(0xaa, 0x55));
    expect([...(await received)]).toEqual([0xaa, 0x55]);
    await host.close();
    await device.close();
  });

  it("when socat dies, then close reports a disconnect and writes fail with a typed error", async () => {
    pair = await createPtyPair();
    const host = new SerialTransport({ path: pair.hostPath });
    await host.open();
    const closed = new Promise<{ disconnected: boolean }>((resolve) => host.on("close", resolve));
    host.on("error", () => undefined);
    await pair.unplug();
    expect(await closed).toEqual({ disconnected: true });
    const error: unknown = await host.write(Uint8Array.of(1)).catch((e: unknown) => e);
    expect(isDriverError(error)).toBe(true);
  });
});
