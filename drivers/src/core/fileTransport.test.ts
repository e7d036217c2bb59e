import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { DriverErrorCode, isDriverError } from "./errors.ts";
import { FileTransport, isNoReadBackError } from "./fileTransport.ts";
import { errno, scriptedDevice } from "./fileTransportFixtures.ts";
import { createPtyPair, type PtyPair } from "./ptyPair.ts";
import { SerialTransport } from "./serialTransport.ts";

describe("FileTransport", () => {
  let pair: PtyPair | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await pair?.dispose();
    pair = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it("when it drives a character device (a PTY standing in for /dev/usb/lp0), then bytes flow both ways", async () => {
    pair = await createPtyPair();
    const host = new FileTransport({ path: pair.hostPath, pollIntervalMs: 5 });
    const device = new SerialTransport({ path: pair.devicePath });
    await host.open();
    await device.open();
    const atDevice = new Promise<Buffer>((resolve) => device.on("data", resolve));
    await host.write(Uint8Array.of(0x10, 0x04, 0x04));
    expect([...(await atDevice)]).toEqual([0x10, 0x04, 0x04]);
    const atHost = new Promise<Buffer>((resolve) => host.on("data", resolve));
    await device.write(Uint8Array.of(0x12));
    expect([...(await atHost)]).toEqual([0x12]);
    const closed = new Promise<{ disconnected: boolean }>((resolve) => host.on("close", resolve));
    await host.close();
    expect(await closed).toEqual({ disconnected: false });
    await device.close();
  });

  it("when a large job is written, then every byte arrives in order", async () => {
    pair = await createPtyPair();
    const host = new FileTransport({ path: pair.hostPath });
    const device = new SerialTransport({ path: pair.devicePath });
    await host.open();
    await device.open();
    const job = Uint8Array.from({ length: 200_000 }, (_, i) => i % 251);
    const chunks: Buffer[] = [];
    const all = new Promise<void>((resolve) =>
      device.on("data", (chunk: Buffer) => {
        chunks.push(chunk);
        if (chunks.reduce((n, c) => n + c.length, 0) >= job.length) resolve();
      }),
    );
    await host.write(job);
    await all;
    expect(Buffer.concat(chunks).equals(Buffer.from(job))).toBe(true);
    await host.close();
    await device.close();
  });

  it("when the device goes away, then close reports a disconnect and writes fail typed", async () => {
    pair = await createPtyPair();
    const host = new FileTransport({ path: pair.hostPath, pollIntervalMs: 5 });
    await host.open();
    const closed = new Promise<{ disconnected: boolean }>((resolve) => host.on("close", resolve));
    await pair.unplug();
    expect(await closed).toEqual({ disconnected: true });
    expect(host.isOpen).toBe(false);
    const error: unknown = await host.write(Uint8Array.of(1)).catch((e: unknown) => e);
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.NotOpen);
  });

  it("when write-only on a plain file, then the bytes land in the file", async () => {
    dir = await mkdtemp(join(tmpdir(), "onewindow-file-"));
    const path = join(dir, "lp0");
    await import("node:fs/promises").then((fs) => fs.writeFile(path, ""));
    const transport = new FileTransport({ path, readable: false });
    await transport.open();
    await transport.write(Uint8Array.of(0x1b, 0x40));
    await transport.write(Uint8Array.of(0x0a));
    await transport.close();
    expect([...(await readFile(path))]).toEqual([0x1b, 0x40, 0x0a]);
  });

  it("when the device does not exist, then open rejects with OpenFailed", async () => {
    const error: unknown = await new FileTransport({ path: "/nonexistent/usb/lp9" }).open().catch((e: unknown) => e);
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.OpenFailed);
  });
});

describe("FileTransport on a USB printer-class node (usblp errno codes)", () => {
  it("when reads fail with EIO but the node is still there, then it stays open, reports one error and later bytes arrive", async () => {
    const { files } = scriptedDevice(["EIO", "EAGAIN", "EIO", "EIO", Uint8Array.of(0x12)]);
    const transport = new FileTransport({ path: "/dev/usb/lp0", pollIntervalMs: 1, files });
    const errors: Error[] = [];
    const closes: unknown[] = [];
    transport.on("error", (error: Error) => errors.push(error));
    transport.on("close", (info) => closes.push(info));
    const data = new Promise<Buffer>((resolve) => transport.on("data", resolve));
    await transport.open();
    expect([...(await data)]).toEqual([0x12]);
    expect(transport.isOpen).toBe(true);
    expect(closes).toEqual([]);
    // Two runs of EIO (an idle read between them), so two reports, not three.
    expect(errors.map((e) => (e as Error & { code?: string }).code)).toEqual(["EIO", "EIO"]);
    await transport.close();
  });

  it.each(["ENOENT", "ENODEV"])(
    "when a read fails with EIO and stat says %s, then close reports a disconnect",
    async (statCode) => {
      const { files } = scriptedDevice(["EIO"], { stat: statCode });
      const transport = new FileTransport({ path: "/dev/usb/lp0", pollIntervalMs: 1, files });
      const closed = new Promise<{ disconnected: boolean }>((resolve) => transport.on("close", resolve));
      await transport.open();
      expect(await closed).toEqual({ disconnected: true });
      expect(transport.isOpen).toBe(false);
    },
  );

  it("when a read fails with EINVAL (one-way printer), then polling stops with one no-read-back error and writes still work", async () => {
    const { files, log } = scriptedDevice(["EINVAL", "EINVAL", "EINVAL"]);
    const transport = new FileTransport({ path: "/dev/usb/lp0", pollIntervalMs: 1, files });
    const errors: Error[] = [];
    const first = new Promise<Error>((resolve) => transport.on("error", resolve));
    transport.on("error", (error: Error) => errors.push(error));
    await transport.open();
    expect(transport.readsReplies).toBe(true);
    const error = await first;
    expect(isNoReadBackError(error)).toBe(true);
    expect(error.message).toContain("no status read-back");
    expect(transport.readsReplies).toBe(false);
    // Dozens of poll intervals later there is still only the one read and the one error.
    await sleep(100);
    expect(log.reads).toBe(1);
    expect(errors).toHaveLength(1);
    await transport.write(Uint8Array.of(0x1b, 0x40));
    expect(log.written).toEqual([0x1b, 0x40]);
    expect(transport.isOpen).toBe(true);
    await transport.close();
  });

  it("when a write fails with EIO and the node is still there, then only that write fails, with WriteFailed", async () => {
    const { files, log } = scriptedDevice([], { writes: ["EIO"] });
    const transport = new FileTransport({ path: "/dev/usb/lp0", readable: false, files });
    await transport.open();
    const error: unknown = await transport.write(Uint8Array.of(1)).catch((e: unknown) => e);
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.WriteFailed);
    expect(transport.isOpen).toBe(true);
    await transport.write(Uint8Array.of(2));
    expect(log.written).toEqual([2]);
    await transport.close();
  });

  it("when a write fails with EIO and the node is gone, then it fails Disconnected and close reports a disconnect", async () => {
    const { files } = scriptedDevice([], { writes: ["EIO"], stat: "ENOENT" });
    const transport = new FileTransport({ path: "/dev/usb/lp0", readable: false, files });
    const closed = new Promise<{ disconnected: boolean }>((resolve) => transport.on("close", resolve));
    await transport.open();
    const error: unknown = await transport.write(Uint8Array.of(1)).catch((e: unknown) => e);
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.Disconnected);
    expect(await closed).toEqual({ disconnected: true });
  });

  it("when an error is not the no-read-back one, then isNoReadBackError says so", () => {
    expect(isNoReadBackError(new Error("EIO"))).toBe(false);
    expect(isNoReadBackError(errno("EINVAL"))).toBe(false);
  });
});
