/**
 * The station's devices, opened from its config: the ticket printer, the ID-card reader and the barcode scanner,
 * each over its configured link (serial, TCP 9100, /dev/usb/lpN) or as a virtual twin the agent starts itself on a
 * socat PTY pair (demo and tests: the real serial stack, a simulated device).
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
  createMemoryTransportPair,
  createPtyPair,
  idcard,
  printer,
  scanner,
} from "@onewindow/drivers/node";
import {
  VirtualBarcodeScanner,
  VirtualIdCardReader,
  startVirtualPrinterOnMemory,
  startVirtualPrinterOnPty,
  type VirtualPrinter,
} from "@onewindow/drivers/virtual";
import type { DeviceLink, StationConfig } from "../config.ts";

export type StationDeviceName = "printer" | "idCardReader" | "scanner";

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
}

export interface StationDevicesEvents {
  health: [StationDeviceName, DeviceHealth];
  card: [idcard.CardRead];
  cardRemoved: [];
  /** A scanned line from the serial scanner (any text; the agent decides what it is). */
  scan: [string];
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
  readonly virtual: VirtualTwins = {};
  private socatMissing: boolean | undefined;

  constructor(
    private readonly config: StationConfig,
    private readonly options: StationDevicesOptions,
  ) {
    super();
  }

  /** Health of every configured device. */
  health(): { name: StationDeviceName; health: DeviceHealth }[] {
    const list: { name: StationDeviceName; health: DeviceHealth }[] = [];
    if (this.printer) list.push({ name: "printer", health: this.printer.health });
    if (this.idCardReader) list.push({ name: "idCardReader", health: this.idCardReader.health });
    if (this.scanner) list.push({ name: "scanner", health: this.scanner.health });
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
  }

  async close(): Promise<void> {
    await this.printer?.close().catch(() => undefined);
    await this.idCardReader?.close().catch(() => undefined);
    await this.scanner?.close().catch(() => undefined);
    for (const twin of [this.virtual.printer, this.virtual.idCardReader, this.virtual.scanner])
      await twin?.stop().catch(() => undefined);
  }

  private async transportFor(name: StationDeviceName, link: DeviceLink, defaultBaud: number): Promise<Transport> {
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

  /** Whether twins run over memory: asked for, or socat is missing (said once in the log). */
  private async overMemory(): Promise<boolean> {
    if (this.options.virtualOverMemory) return true;
    if (this.socatMissing === undefined) {
      const probe = await createPtyPair({ name: "probe" }).catch(() => undefined);
      await probe?.dispose();
      this.socatMissing = probe === undefined;
      if (this.socatMissing)
        this.options.log.warn("socat is missing: the virtual devices run over in-memory links (the same bytes)");
    }
    return this.socatMissing;
  }

  /** Start `name`'s virtual twin and return the host end for its driver. */
  private async virtualTwin(name: StationDeviceName): Promise<Transport> {
    const memory = await this.overMemory();
    if (name === "printer") {
      if (memory) {
        const started = await startVirtualPrinterOnMemory({ name });
        this.virtual.printer = { device: started.printer, over: "memory", stop: () => started.stop() };
        return started.host;
      }
      const started = await startVirtualPrinterOnPty({ name });
      this.virtual.printer = { device: started.printer, over: "pty", stop: () => started.stop() };
      return new SerialTransport({ path: started.hostPath, baudRate: 115200 });
    }
    // The reader and the scanner reopen their own end after an unplug, so the cable is the link itself.
    const link = memory ? createMemoryTransportPair({ name }) : await createPtyPair({ name });
    const end =
      "device" in link
        ? { transport: link.device, cable: link }
        : { path: link.devicePath, cable: { unplug: () => link.unplug(), replug: () => link.replug() } };
    const host = "host" in link ? link.host : new SerialTransport({ path: link.hostPath, baudRate: 115200 });
    const dispose = () => ("dispose" in link ? link.dispose() : link.unplug());
    const over = memory ? "memory" : "pty";
    if (name === "idCardReader") {
      const device = new VirtualIdCardReader(end);
      await device.start();
      this.virtual.idCardReader = { device, over, stop: async () => (await device.stop(), await dispose()) };
    } else {
      const device = new VirtualBarcodeScanner(end);
      await device.start();
      this.virtual.scanner = { device, over, stop: async () => (await device.stop(), await dispose()) };
    }
    return host;
  }
}
