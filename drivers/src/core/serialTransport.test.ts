import { afterEach, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { createPtyPair, type PtyPair } from "./ptyPair.ts";
import { SerialTransport } from "./serialTransport.ts";
import { isDriverError } from "./errors.ts";

/** Pid of the socat that serves `path` (found in /proc: PtyPair keeps its child to itself). */
function socatServing(path: string): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
    } catch {
      continue;
    }
    if (argv[0]?.endsWith("socat") && argv.some((arg) => arg.includes(`link=${path}`))) return Number(entry);
  }
  throw new Error(`no socat serves ${path}`);
}

/**
 * Pull the cable now, without yielding to the event loop: SIGKILL socat and wait until the kernel has closed its
 * PTY masters (the process is a zombie by then, or reaped), so the host end is hung up before any callback runs.
 */
function hangUpSynchronously(pid: number): void {
  process.kill(pid, "SIGKILL");
  for (;;) {
    let state: string | undefined;
    try {
      state = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
    } catch {
      return;
    }
    if (state === "Z" || state === "X") return;
  }
}

/** Resolves with the value of `promise`, or with "timeout" when it has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

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

  it("when the line hangs up while bytes are being read, then close still reports a disconnect", async () => {
    // The hang-up lands between a read and the next one, so the next read finds end of file (0 bytes), not EAGAIN:
    // the same as a USB adapter pulled while a device talks, or a loaded machine seeing the hang-up late.
    pair = await createPtyPair();
    const host = new SerialTransport({ path: pair.hostPath });
    const device = new SerialTransport({ path: pair.devicePath });
    await host.open();
    await device.open();
    host.on("error", () => undefined);
    device.on("error", () => undefined);
    const socat = socatServing(pair.hostPath);
    let pulled = false;
    host.on("data", () => {
      if (pulled) return;
      pulled = true;
      hangUpSynchronously(socat);
    });
    const closed = new Promise<{ disconnected: boolean }>((resolve) => host.once("close", resolve));
    await device.write(Uint8Array.of(0x13, 0x01, 0x02));
    expect(await within(closed, 5000)).toEqual({ disconnected: true });
    expect(host.isOpen).toBe(false);
  });
});
