/**
 * The station's devices, opened from its config: a kiosk's ticket printer, ID-card reader and barcode scanner, a
 * counter's caller keypad, LED strip and evaluation keypad (./counterDevices.ts), each over its configured link
 * (serial, TCP 9100, /dev/usb/lpN) or as a virtual twin the agent starts itself on a socat PTY pair (demo and tests:
 * the real serial stack, a simulated device) or a memory link (./virtualLinks.ts).
 *
 *   config.devices --link--> Transport --> driver --health/card/removed--> StationDevices events --> agent
 *   "virtual"      --PTY pair--> twin on the device end (exposed as `virtual` for the demo panel and tests)
 *
 * A device that cannot be opened at start does not stop the agent: its health says "disconnected" and opening is
 * retried every `retryOpenMs`, so a kiosk boots even with its printer switched off.
 */
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import type { DeviceHealth, Transport } from "@onewindow/drivers";
import {
  FileTransport,
  SerialTransport,
  TcpTransport,
  idcard,
  printer,
  scanner,
  type caller,
  type evaluator,
  type led,
} from "@onewindow/drivers/node";
import {
  VirtualBarcodeScanner,
  VirtualIdCardReader,
  startVirtualPrinterOnMemory,
  startVirtualPrinterOnPty,
  type VirtualCallerKeypad,
  type VirtualEvaluationKeypad,
  type VirtualLedStrip,
  type VirtualPrinter,
} from "@onewindow/drivers/virtual";
import type { DeviceLink, StationConfig } from "../config.ts";
import { buildCounterDevices, type CounterDeviceName } from "./counterDevices.ts";
import { VirtualLinks } from "./virtualLinks.ts";

export type StationDeviceName = "printer" | "idCardReader" | "scanner" | CounterDeviceName;

/**
 * A virtual twin the agent runs itself. Faults, unplugging included, are switched on the device
 * (`device.setFault(knob, on)`); `over` says what carries its bytes: a socat PTY pair (the real serial stack) or an
 * in-memory link (no socat here).
 */
export interface VirtualTwin<D> {
  readonly device: D;
  readonly over: "pty" | "memory";
  stop(): Promise<void>;
}

/** Virtual twins the agent runs itself (for the demo's hardware panel and tests). */
export interface VirtualTwins {
  printer?: VirtualTwin<VirtualPrinter>;
  idCardReader?: VirtualTwin<VirtualIdCardReader>;
  scanner?: VirtualTwin<VirtualBarcodeScanner>;
  callerKeypad?: VirtualTwin<VirtualCallerKeypad>;
  ledStrip?: VirtualTwin<VirtualLedStrip>;
  evaluationKeypad?: VirtualTwin<VirtualEvaluationKeypad>;
}

export interface StationDevicesEvents {
  health: [StationDeviceName, DeviceHealth];
  card: [idcard.CardRead];
  cardRemoved: [];
  /** A scanned line from the serial scanner (any text; the agent decides what it is). */
  scan: [string];
  /** A caller keypad key (the counter role decides what it does). */
  key: [caller.CallerKeyEvent];
}

export interface StationDevicesOptions {
  readonly log: Logger;
  /** Printer status poll while idle, ms (default 5000; tests shorten it). */
  readonly printerPollMs?: number;
  /** Virtual twins over memory links even when socat is there (fast tests). */
  readonly virtualOverMemory?: boolean;
}

/** Opens, holds and closes the station's devices. */
export class StationDevices extends EventEmitter<StationDevicesEvents> {
  printer: printer.PrinterDriver | undefined;
  idCardReader: idcard.IdCardReader | undefined;
  scanner: scanner.BarcodeScanner | undefined;
  callerKeypad: caller.CallerKeypad | undefined;
  ledStrip: led.LedStrip | undefined;
  evaluationKeypad: evaluator.EvaluationKeypad | undefined;
  readonly virtual: VirtualTwins = {};
  private readonly links: VirtualLinks;

  constructor(
    private readonly config: StationConfig,
    private readonly options: StationDevicesOptions,
  ) {
    super();
    this.links = new VirtualLinks(options.log, options.virtualOverMemory);
  }

  /** Health of every configured device. */
  health(): { name: StationDeviceName; health: DeviceHealth }[] {
    const list: { name: StationDeviceName; health: DeviceHealth }[] = [];
    if (this.printer) list.push({ name: "printer", health: this.printer.health });
    if (this.idCardReader) list.push({ name: "idCardReader", health: this.idCardReader.health });
    if (this.scanner) list.push({ name: "scanner", health: this.scanner.health });
    if (this.callerKeypad) list.push({ name: "callerKeypad", health: this.callerKeypad.health });
    if (this.ledStrip) list.push({ name: "ledStrip", health: this.ledStrip.health });
    if (this.evaluationKeypad) list.push({ name: "evaluationKeypad", health: this.evaluationKeypad.health });
    return list;
  }

  /**
   * Open every configured device. A device that cannot be opened does not stop the agent: its driver reports
   * "disconnected" and keeps retrying by itself (drivers' one face), so a kiosk boots with its printer off.
   */
  async open(): Promise<void> {
    const { printer: printerConfig, idCardReader, scanner: scannerConfig } = this.config.devices;
    const log = this.options.log;
    if (printerConfig) {
      const profile = printer.getPrinterProfile(printerConfig.profile);
      const transport = await this.transportFor("printer", printerConfig.link, 9600);
      const driver = new printer.PrinterDriver({
        transport,
        profile,
        logger: log,
        pollIntervalMs: this.options.printerPollMs ?? 5000,
      });
      driver.on("health", (health) => this.emit("health", "printer", health));
      this.printer = driver;
      await driver.open().catch((error: unknown) => log.warn({ err: error }, "printer not reachable yet"));
    }
    if (idCardReader) {
      const transport = await this.transportFor("idCardReader", idCardReader.link, 115200);
      const reader = new idcard.IdCardReader(transport, { logger: log });
      reader.on("health", (health) => this.emit("health", "idCardReader", health));
      reader.on("card", (read) => this.emit("card", read));
      reader.on("removed", () => this.emit("cardRemoved"));
      this.idCardReader = reader;
      await reader.open().catch((error: unknown) => log.warn({ err: error }, "ID-card reader not reachable yet"));
    }
    if (scannerConfig) {
      const transport = await this.transportFor("scanner", scannerConfig.link, 9600);
      const driver = new scanner.BarcodeScanner({ transport, logger: log });
      driver.on("health", (health) => this.emit("health", "scanner", health));
      driver.on("scan", (scan) => this.emit("scan", scan.code));
      // A line that was no scan (noise, too long): nothing for the citizen; the driver logs it.
      driver.on("rejected", () => undefined);
      this.scanner = driver;
      await driver.open().catch((error: unknown) => log.warn({ err: error }, "barcode scanner not reachable yet"));
    }
    await this.openCounterDevices();
  }

  private async openCounterDevices(): Promise<void> {
    const log = this.options.log;
    const set = await buildCounterDevices(this.config, this.links, log);
    Object.assign(this.virtual, set.twins);
    const opening: Promise<void>[] = [];
    if (set.callerKeypad) {
      const keypad = set.callerKeypad;
      this.callerKeypad = keypad;
      keypad.on("health", (health) => this.emit("health", "callerKeypad", health));
      keypad.on("key", (key) => this.emit("key", key));
      opening.push(
        keypad.open().catch((error: unknown) => log.warn({ err: error }, "caller keypad not reachable yet")),
      );
    }
    if (set.ledStrip) {
      const strip = set.ledStrip;
      this.ledStrip = strip;
      strip.on("health", (health) => this.emit("health", "ledStrip", health));
      opening.push(strip.open().catch((error: unknown) => log.warn({ err: error }, "LED strip not reachable yet")));
    }
    if (set.evaluationKeypad) {
      const keypad = set.evaluationKeypad;
      this.evaluationKeypad = keypad;
      keypad.on("health", (health) => this.emit("health", "evaluationKeypad", health));
      // Nothing is armed until the ratings module asks (issue 12): a key now is no rating.
      keypad.on("unsolicited", () => undefined);
      opening.push(
        keypad.open().catch((error: unknown) => log.warn({ err: error }, "evaluation keypad not reachable yet")),
      );
    }
    await Promise.all(opening);
  }

  async close(): Promise<void> {
    await this.printer?.close().catch(() => undefined);
    await this.idCardReader?.close().catch(() => undefined);
    await this.scanner?.close().catch(() => undefined);
    await this.callerKeypad?.close().catch(() => undefined);
    await this.ledStrip?.close().catch(() => undefined);
    await this.evaluationKeypad?.close().catch(() => undefined);
    const { printer: p, idCardReader, scanner: s, callerKeypad, ledStrip, evaluationKeypad } = this.virtual;
    for (const twin of [p, idCardReader, s, callerKeypad, ledStrip, evaluationKeypad])
      await twin?.stop().catch(() => undefined);
  }

  private async transportFor(
    name: "printer" | "idCardReader" | "scanner",
    link: DeviceLink,
    defaultBaud: number,
  ): Promise<Transport> {
    switch (link.kind) {
      case "serial":
        return new SerialTransport({ path: link.path, baudRate: link.baudRate ?? defaultBaud });
      case "tcp":
        return new TcpTransport({ host: link.host, port: link.port });
      case "usb-lp":
        return new FileTransport({ path: link.path });
      case "hid":
        throw new Error(`${name}: HID links serve counter devices (evaluation keypad), not a kiosk's ${name}`);
      case "virtual":
        return this.virtualTwin(name);
    }
  }

  /** Start `name`'s virtual twin and return the host end for its driver. */
  private async virtualTwin(name: "printer" | "idCardReader" | "scanner"): Promise<Transport> {
    if (name === "printer") {
      if (await this.links.overMemory()) {
        const started = await startVirtualPrinterOnMemory({ name });
        this.virtual.printer = { device: started.printer, over: "memory", stop: () => started.stop() };
        return started.host;
      }
      const started = await startVirtualPrinterOnPty({ name });
      this.virtual.printer = { device: started.printer, over: "pty", stop: () => started.stop() };
      return new SerialTransport({ path: started.hostPath, baudRate: 115200 });
    }
    const link = await this.links.open(name);
    const stop = (device: { stop(): Promise<void> }) => async () => (await device.stop(), await link.dispose());
    if (name === "idCardReader") {
      const device = new VirtualIdCardReader(link.end);
      await device.start();
      this.virtual.idCardReader = { device, over: link.over, stop: stop(device) };
    } else {
      const device = new VirtualBarcodeScanner(link.end);
      await device.start();
      this.virtual.scanner = { device, over: link.over, stop: stop(device) };
    }
    return link.host;
  }
}
