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
  createPtyPair,
  idcard,
  printer,
  type PtyPair,
} from "@onewindow/drivers/node";
import { VirtualIdCardReader, VirtualPrinter } from "@onewindow/drivers/virtual";
import type { DeviceLink, StationConfig } from "../config.ts";

export type StationDeviceName = "printer" | "idCardReader" | "scanner";

/** Virtual twins the agent runs itself, with their PTY pairs (unplug = the pair goes away). */
export interface VirtualTwins {
  printer?: { device: VirtualPrinter; pair: PtyPair };
  idCardReader?: { device: VirtualIdCardReader; pair: PtyPair };
}

export interface StationDevicesEvents {
  health: [StationDeviceName, DeviceHealth];
  card: [idcard.CardRead];
  cardRemoved: [];
}

export interface StationDevicesOptions {
  readonly log: Logger;
  /** Retry opening a device that failed to open this often, ms (default 2000). */
  readonly retryOpenMs?: number;
  /** Printer status poll while idle, ms (default 5000; tests shorten it). */
  readonly printerPollMs?: number;
}

/** Opens, holds and closes the station's devices. */
export class StationDevices extends EventEmitter<StationDevicesEvents> {
  printer: printer.PrinterDriver | undefined;
  idCardReader: idcard.IdCardReader | undefined;
  readonly virtual: VirtualTwins = {};
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

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
    return list;
  }

  async open(): Promise<void> {
    const { printer: printerConfig, idCardReader } = this.config.devices;
    if (printerConfig) {
      const profile = printer.getPrinterProfile(printerConfig.profile);
      const transport = await this.transportFor("printer", printerConfig.link, 9600);
      const driver = new printer.PrinterDriver({
        transport,
        profile,
        logger: this.options.log,
        pollIntervalMs: this.options.printerPollMs ?? 5000,
      });
      driver.on("health", (health) => this.emit("health", "printer", health));
      this.printer = driver;
      this.openWithRetry("printer", () => driver.open());
    }
    if (idCardReader) {
      const transport = await this.transportFor("idCardReader", idCardReader.link, 115200);
      const reader = new idcard.IdCardReader(transport, { logger: this.options.log });
      reader.on("health", (health) => this.emit("health", "idCardReader", health));
      reader.on("card", (read) => this.emit("card", read));
      reader.on("removed", () => this.emit("cardRemoved"));
      this.idCardReader = reader;
      this.openWithRetry("idCardReader", () => reader.start());
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    await this.printer?.close().catch(() => undefined);
    await this.idCardReader?.stop().catch(() => undefined);
    for (const twin of [this.virtual.printer, this.virtual.idCardReader]) {
      if (!twin) continue;
      await twin.device.stop().catch(() => undefined);
      await twin.pair.dispose().catch(() => undefined);
    }
  }

  private openWithRetry(name: StationDeviceName, open: () => Promise<void>): void {
    const attempt = () => {
      if (this.closed) return;
      open().then(
        () => this.options.log.info({ device: name }, "device open"),
        (error: unknown) => {
          this.options.log.warn({ device: name, err: error }, "device not reachable; retrying");
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            attempt();
          }, this.options.retryOpenMs ?? 2000);
          this.timers.add(timer);
        },
      );
    };
    attempt();
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

  /** Start `name`'s virtual twin on a fresh PTY pair and return the host end for the driver. */
  private async virtualTwin(name: StationDeviceName): Promise<Transport> {
    const pair = await createPtyPair({ name });
    if (name === "printer") {
      const device = new VirtualPrinter({ path: pair.devicePath });
      await device.start();
      this.virtual.printer = { device, pair };
      return new SerialTransport({ path: pair.hostPath, baudRate: 115200 });
    }
    if (name === "idCardReader") {
      const device = new VirtualIdCardReader({ path: pair.devicePath });
      await device.start();
      this.virtual.idCardReader = { device, pair };
      return new SerialTransport({ path: pair.hostPath, baudRate: 115200 });
    }
    await pair.dispose();
    throw new Error(`${name}: no virtual twin yet`);
  }
}
