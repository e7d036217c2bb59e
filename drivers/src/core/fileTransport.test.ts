import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DriverErrorCode, isDriverError } from "./errors.ts";
import { FileTransport } from "./fileTransport.ts";
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
