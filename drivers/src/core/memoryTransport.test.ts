import { describe, expect, it } from "vitest";
import { DriverErrorCode, isDriverError } from "./errors.ts";
import { createMemoryTransportPair } from "./memoryTransport.ts";
import type { Transport } from "./transport.ts";

function nextData(transport: Transport): Promise<Buffer> {
  return new Promise((resolve) => transport.on("data", resolve));
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("createMemoryTransportPair", () => {
  it("when both ends are open, then bytes written at one end arrive at the other in order, copied", async () => {
    const { host, device } = createMemoryTransportPair({ name: "printer" });
    await host.open();
    await device.open();
    const chunks: Buffer[] = [];
    device.on("data", (chunk) => chunks.push(chunk));
    const buffer = Uint8Array.of(1, 2, 3);
    await host.write(buffer);
    buffer[0] = 9;
    await host.write(Uint8Array.of(4));
    const back = nextData(host);
    await device.write(Uint8Array.of(0xaa));
    expect([...(await back)]).toEqual([0xaa]);
    expect(chunks.map((c) => [...c])).toEqual([[1, 2, 3], [4]]);
    expect(host.description).toBe("memory:printer/host");
    expect(device.description).toBe("memory:printer/device");
  });

  it("when an end is not open, then its write rejects NotOpen and what is written to it is lost", async () => {
    const { host, device } = createMemoryTransportPair();
    const error = await failure(host.write(Uint8Array.of(1)));
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.NotOpen);
    await host.open();
    const seen: Buffer[] = [];
    device.on("data", (chunk) => seen.push(chunk));
    await host.write(Uint8Array.of(1));
    await device.open();
    await host.write(Uint8Array.of(2));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen.map((c) => [...c])).toEqual([[2]]);
  });

  it("when the cable is unplugged, then both open ends close with disconnected = true once, opens fail until replug", async () => {
    const pair = createMemoryTransportPair();
    await pair.host.open();
    await pair.device.open();
    const closes: { end: string; disconnected: boolean }[] = [];
    pair.host.on("close", ({ disconnected }) => closes.push({ end: "host", disconnected }));
    pair.device.on("close", ({ disconnected }) => closes.push({ end: "device", disconnected }));
    await pair.unplug();
    await pair.unplug();
    expect(closes).toEqual([
      { end: "host", disconnected: true },
      { end: "device", disconnected: true },
    ]);
    expect(pair.plugged).toBe(false);
    expect(pair.host.isOpen).toBe(false);
    const error = await failure(pair.host.open());
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.OpenFailed);
    await pair.replug();
    await pair.host.open();
    await pair.device.open();
    const arrived = nextData(pair.device);
    await pair.host.write(Uint8Array.of(7));
    expect([...(await arrived)]).toEqual([7]);
  });

  it("when an end is closed by its owner, then it closes with disconnected = false and the other end stays open", async () => {
    const { host, device } = createMemoryTransportPair();
    await host.open();
    await device.open();
    const closes: boolean[] = [];
    host.on("close", ({ disconnected }) => closes.push(disconnected));
    await host.close();
    await host.close();
    expect(closes).toEqual([false]);
    expect(device.isOpen).toBe(true);
  });

  it("when bytes are in flight at unplug, then they are lost, as on a pulled cable", async () => {
    const pair = createMemoryTransportPair();
    await pair.host.open();
    await pair.device.open();
    const seen: Buffer[] = [];
    pair.device.on("data", (chunk) => seen.push(chunk));
    await pair.host.write(Uint8Array.of(1));
    await pair.unplug();
    await pair.replug();
    await pair.device.open();
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([]);
  });
});
