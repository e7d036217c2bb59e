import { afterEach, describe, expect, it } from "vitest";
import { DriverErrorCode, type DriverError } from "../core/errors.ts";
import type { DeviceHealth } from "../core/health.ts";
import { createTestLink, type TestLinkKind } from "../core/linkFixtures.ts";
import { createMemoryLog } from "../core/memoryLog.ts";
import { nextEvent as next } from "../core/nextEvent.ts";
import { BarcodeScanner, type BarcodeScannerOptions, type Scan } from "./driver.ts";
import { VirtualBarcodeScanner } from "./virtual.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rig(
  options: Partial<BarcodeScannerOptions> = {},
  kind: TestLinkKind = "memory",
  terminator?: "\r" | "\n" | "\r\n",
) {
  const link = await createTestLink(kind);
  cleanups.push(() => link.dispose());
  const device = new VirtualBarcodeScanner({ ...link.device, cable: link, ...(terminator ? { terminator } : {}) });
  await device.start();
  cleanups.push(() => device.stop());
  const scanner = new BarcodeScanner({ transport: link.host, reconnect: { initialMs: 20, maxMs: 100 }, ...options });
  const scans: Scan[] = [];
  const rejected: DriverError[] = [];
  scanner.on("scan", (scan) => scans.push(scan));
  scanner.on("rejected", (error) => rejected.push(error));
  await scanner.open();
  cleanups.push(() => scanner.close());
  return { link, device, scanner, scans, rejected };
}

const scanOf = (scanner: BarcodeScanner): Promise<Scan> => next<Scan>(scanner, "scan");

describe("BarcodeScanner with the virtual scanner", () => {
  it.each([["\r"], ["\n"], ["\r\n"]] as const)(
    "when codes end in %j, then each arrives once, in order, with its time",
    async (terminator) => {
      const { device, scanner, scans } = await rig({ now: () => 1234 }, "memory", terminator);
      const second = next<Scan>(scanner, "scan", (s) => s.code === "A023");
      await device.scan("APPT-20261130-0042");
      await device.scan("A023");
      await second;
      expect(scans).toEqual([
        { code: "APPT-20261130-0042", at: 1234 },
        { code: "A023", at: 1234 },
      ]);
    },
  );

  it("when scans come split byte by byte after line noise, then the noise line is refused and the scan still arrives", async () => {
    const { device, scanner, scans, rejected } = await rig();
    await device.setFault("split", true);
    await device.setFault("garbage", true, { bytes: Uint8Array.of(0x00, 0x1b, 0x0d) });
    const scan = scanOf(scanner);
    await device.scan("APPT-7");
    expect((await scan).code).toBe("APPT-7");
    expect(scans.map((s) => s.code)).toEqual(["APPT-7"]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ code: DriverErrorCode.BadPayload, context: { reason: "garbage", length: 2 } });
    expect(rejected[0]?.message).toBe("scan refused: a 2-byte line holds byte 0x00 at 0, not printable ASCII");
  });

  it("when a line is longer than maxLength, then it is refused as Oversize with a clear message and the next scan arrives", async () => {
    const { device, scanner, scans, rejected } = await rig({ maxLength: 8 });
    const refusal = next<DriverError>(scanner, "rejected");
    await device.scan("123456789012");
    expect(await refusal).toMatchObject({
      code: DriverErrorCode.Oversize,
      message: "scan refused: a 12-byte line is longer than the 8 characters a scan may have",
      context: { reason: "oversize", length: 12 },
    });
    const scan = scanOf(scanner);
    await device.scan("12345678");
    expect((await scan).code).toBe("12345678");
    expect(scans.map((s) => s.code)).toEqual(["12345678"]);
    expect(rejected).toHaveLength(1);
  });

  it("when a line never ends, then after the idle time it is refused as unterminated and does not join the next scan", async () => {
    const { device, scanner, scans } = await rig({ idleFlushMs: 30 });
    const refusal = next<DriverError>(scanner, "rejected");
    await device.sendRaw(Uint8Array.of(0x41, 0x42));
    expect(await refusal).toMatchObject({ code: DriverErrorCode.BadLength, context: { reason: "unterminated" } });
    const scan = scanOf(scanner);
    await device.scan("C3");
    expect((await scan).code).toBe("C3");
    expect(scans.map((s) => s.code)).toEqual(["C3"]);
  });

  it("when a scan is dropped by the line, then nothing arrives for it and the next one does", async () => {
    const { device, scanner, scans } = await rig();
    await device.setFault("drop", true);
    await device.scan("LOST");
    const scan = scanOf(scanner);
    await device.scan("KEPT");
    expect((await scan).code).toBe("KEPT");
    expect(scans.map((s) => s.code)).toEqual(["KEPT"]);
  });

  it("when the virtual scanner is asked for a knob it lacks, then it refuses naming the ones it has", async () => {
    const { device } = await rig();
    await expect(device.setFault("paper-out", true)).rejects.toThrow(
      'the virtual barcode scanner has no "paper-out" fault knob; it has: unplugged, garbage, slow, split, drop',
    );
  });

  it("when the scanner is unplugged over a PTY and plugged back, then health follows and scans arrive again", async () => {
    const { device, scanner } = await rig({}, "pty");
    const down = next<DeviceHealth>(scanner, "health", (h) => h.state === "disconnected");
    await device.setFault("unplugged", true);
    expect(await down).toMatchObject({ code: "unplugged" });
    const up = next<DeviceHealth>(scanner, "health", (h) => h.state === "connected");
    await device.setFault("unplugged", false);
    await up;
    // The device end reopens on its own after the replug; keep scanning until a code gets through.
    const scan = scanOf(scanner);
    const timer = setInterval(() => void device.scan("BACK-1"), 50);
    try {
      expect((await scan).code).toBe("BACK-1");
    } finally {
      clearInterval(timer);
    }
  });

  it("when scans and a refusal happen with debug logging on, then no scanned code appears in the log", async () => {
    const memory = createMemoryLog("debug");
    const { device, scanner } = await rig({ logger: memory.logger, maxLength: 8 });
    const refusal = next<DriverError>(scanner, "rejected");
    const scan = scanOf(scanner);
    await device.scan("SECRET-TOKEN-1");
    await device.scan("SECRET2");
    await Promise.all([refusal, scan]);
    expect(memory.text()).not.toContain("SECRET");
    expect(memory.lines()).toContainEqual(
      expect.objectContaining({ module: "barcode-scanner", msg: "line rejected", reason: "oversize", count: 14 }),
    );
  });
});
