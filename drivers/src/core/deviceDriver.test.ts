/**
 * Every driver shows the same face (deviceDriver.ts): the same first-open failure, the same recovery, the same
 * close. One table of drivers, each on a memory link with its virtual device.
 */
import { afterEach, describe, expect, it } from "vitest";
import { CallerKeypad } from "../caller/driver.ts";
import { VirtualCallerKeypad } from "../caller/virtual.ts";
import { EvaluationKeypad } from "../evaluator/driver.ts";
import { VirtualEvaluationKeypad } from "../evaluator/virtual.ts";
import { IdCardReader } from "../idcard/driver.ts";
import { VirtualIdCardReader } from "../idcard/virtual.ts";
import { LedStrip } from "../led/driver.ts";
import { VirtualLedStrip } from "../led/virtual.ts";
import { PrinterDriver } from "../printer/driver.ts";
import { getPrinterProfile } from "../printer/profiles.ts";
import { VirtualPrinter } from "../printer/virtual.ts";
import { BarcodeScanner } from "../scanner/driver.ts";
import { VirtualBarcodeScanner } from "../scanner/virtual.ts";
import type { DeviceDriver } from "./deviceDriver.ts";
import { DriverErrorCode, isDriverError } from "./errors.ts";
import type { DeviceHealth } from "./health.ts";
import { createMemoryTransportPair, type MemoryTransportPair } from "./memoryTransport.ts";
import type { ReconnectOption } from "./reconnector.ts";

interface Device {
  start(): Promise<void>;
  stop(): Promise<void>;
}

type Build = (pair: MemoryTransportPair, reconnect: ReconnectOption) => { driver: DeviceDriver; device: Device };

const fast = { initialMs: 10, maxMs: 40 };

const drivers: Record<string, Build> = {
  printer: (pair, reconnect) => ({
    driver: new PrinterDriver({
      transport: pair.host,
      profile: getPrinterProfile("generic-80"),
      // The idle poll finds the printer again if the first status read after the reopen went unanswered.
      pollIntervalMs: 50,
      reconnect,
    }),
    device: new VirtualPrinter({ transport: pair.device }),
  }),
  "ID-card reader": (pair, reconnect) => ({
    driver: new IdCardReader(pair.host, { pollIntervalMs: 10, reconnect }),
    device: new VirtualIdCardReader({ transport: pair.device }),
  }),
  "LED strip": (pair, reconnect) => ({
    driver: new LedStrip({ transport: pair.host, pollIntervalMs: 0, reconnect }),
    device: new VirtualLedStrip({ transport: pair.device }),
  }),
  "caller keypad": (pair, reconnect) => ({
    driver: new CallerKeypad({ variant: "serial", mode: "poll", addresses: [1], transport: pair.host, reconnect }),
    device: new VirtualCallerKeypad({ transport: pair.device, mode: "poll" }),
  }),
  "evaluation keypad": (pair, reconnect) => ({
    driver: EvaluationKeypad.create({ variant: "serial", transport: pair.host, heartbeatMs: 0, reconnect }),
    device: new VirtualEvaluationKeypad({ transport: pair.device }),
  }),
  "barcode scanner": (pair, reconnect) => ({
    driver: new BarcodeScanner({ transport: pair.host, reconnect }),
    device: new VirtualBarcodeScanner({ transport: pair.device }),
  }),
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A driver whose cable is pulled before its first open, with its virtual device waiting on the other end. */
async function unpluggedRig(build: Build, reconnect: ReconnectOption) {
  const pair = createMemoryTransportPair();
  const { driver, device } = build(pair, reconnect);
  await device.start();
  cleanups.push(() => device.stop());
  await pair.unplug();
  const seen: DeviceHealth[] = [];
  driver.on("health", (health) => seen.push(health));
  cleanups.push(() => driver.close());
  return { pair, driver, seen };
}

function healthBecomes(driver: DeviceDriver, state: DeviceHealth["state"]): Promise<DeviceHealth> {
  return new Promise((resolve) => {
    if (driver.health.state === state) resolve(driver.health);
    const listener = (health: DeviceHealth): void => {
      if (health.state !== state) return;
      driver.off("health", listener);
      resolve(health);
    };
    driver.on("health", listener);
  });
}

describe.each(Object.entries(drivers))("the %s driver's face", (_name, build) => {
  it("when the first open fails, then open rejects OpenFailed, health is disconnected/open-failed, and it connects once the device appears", async () => {
    const { pair, driver, seen } = await unpluggedRig(build, fast);
    expect(driver.health).toMatchObject({ state: "disconnected", code: "closed" });
    const error: unknown = await driver.open().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.OpenFailed);
    expect(driver.health).toMatchObject({ state: "disconnected", code: "open-failed" });
    expect(seen.at(-1)).toMatchObject({ state: "disconnected", code: "open-failed" });
    const up = healthBecomes(driver, "connected");
    await pair.replug();
    expect((await up).state).toBe("connected");
  });

  it("when reconnect is false, then a failed first open is not retried", async () => {
    const { pair, driver } = await unpluggedRig(build, false);
    await driver.open().catch(() => undefined);
    await pair.replug();
    // Several times the fast policy's whole backoff: a retrying driver would have opened by now.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(driver.health).toMatchObject({ state: "disconnected", code: "open-failed" });
  });

  it("when a connected driver is unplugged, then health says unplugged; close() then reports closed", async () => {
    const pair = createMemoryTransportPair();
    const { driver, device } = build(pair, fast);
    await device.start();
    cleanups.push(() => device.stop());
    cleanups.push(() => driver.close());
    await driver.open();
    await healthBecomes(driver, "connected");
    const down = healthBecomes(driver, "disconnected");
    await pair.unplug();
    expect(await down).toMatchObject({ state: "disconnected", code: "unplugged" });
    await driver.close();
    await driver.close();
    expect(driver.health).toMatchObject({ state: "disconnected", code: "closed" });
  });
});
