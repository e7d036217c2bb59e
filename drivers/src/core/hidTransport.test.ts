import { describe, expect, it } from "vitest";
import { FakeHidBackend, HidTransport, nodeHidBackend } from "./hidTransport.ts";
import { DriverErrorCode, isDriverError } from "./errors.ts";

describe("HidTransport through the fake node-hid backend", () => {
  it("when the host writes, then the device sees report ID 0x00 first and the report zero-padded", async () => {
    const backend = new FakeHidBackend();
    const peer = backend.plug("/dev/hidraw-test");
    const transport = new HidTransport({ path: "/dev/hidraw-test", backend, reportLength: 8 });
    await transport.open();
    const output = new Promise<Buffer>((resolve) => peer.once("output", resolve));
    await transport.write(Uint8Array.of(0x01, 0x01, 0x1e));
    expect([...(await output)]).toEqual([0x00, 0x01, 0x01, 0x1e, 0, 0, 0, 0, 0]);
    await transport.close();
  });

  it("when the device sends an input report, then it arrives as one data chunk", async () => {
    const backend = new FakeHidBackend();
    const peer = backend.plug("p");
    const transport = new HidTransport({ path: "p", backend });
    await transport.open();
    const data = new Promise<Buffer>((resolve) => transport.on("data", resolve));
    peer.sendReport(Uint8Array.of(0x81, 0x01, 0x02, 0, 0, 0, 0, 0));
    expect([...(await data)]).toEqual([0x81, 0x01, 0x02, 0, 0, 0, 0, 0]);
    await transport.close();
    expect(peer.hostOpen).toBe(false);
  });

  it("when the device is unplugged, then close reports a disconnect, writes fail typed, and reopen works after replug", async () => {
    const backend = new FakeHidBackend();
    backend.plug("p");
    const transport = new HidTransport({ path: "p", backend });
    transport.on("error", () => undefined);
    await transport.open();
    const closed = new Promise<{ disconnected: boolean }>((resolve) => transport.on("close", resolve));
    backend.unplug("p");
    expect(await closed).toEqual({ disconnected: true });
    const writeError: unknown = await transport.write(Uint8Array.of(1)).catch((e: unknown) => e);
    expect(isDriverError(writeError) && writeError.code).toBe(DriverErrorCode.NotOpen);
    const openError: unknown = await transport.open().catch((e: unknown) => e);
    expect(isDriverError(openError) && openError.code).toBe(DriverErrorCode.OpenFailed);
    backend.plug("p");
    await transport.open();
    expect(transport.isOpen).toBe(true);
    await transport.close();
  });

  it("when close is called, then close fires once with disconnected false and a second close is a no-op", async () => {
    const backend = new FakeHidBackend();
    backend.plug("p");
    const transport = new HidTransport({ path: "p", backend });
    await transport.open();
    const seen: boolean[] = [];
    transport.on("close", (info: { disconnected: boolean }) => seen.push(info.disconnected));
    await transport.close();
    await transport.close();
    expect(seen).toEqual([false]);
  });

  it("when the real node-hid backend opens a path that does not exist, then open fails with OpenFailed", async () => {
    // This machine has no /dev/hidraw (devices.md §4.2); the lazy import and the error path are still real.
    const transport = new HidTransport({ path: "/nonexistent/hidraw99", backend: nodeHidBackend() });
    const error: unknown = await transport.open().catch((e: unknown) => e);
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.OpenFailed);
  });
});
