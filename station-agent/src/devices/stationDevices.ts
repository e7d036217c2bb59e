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
} from "@onewindow/drivers/node";
import { VirtualIdCardReader, VirtualPrinter } from "@onewindow/drivers/virtual";
import type { DeviceLink, StationConfig } from "../config.ts";

export type StationDeviceName = "printer" | "idCardReader" | "scanner";

/** The cable of a virtual twin: `unplug()` makes the driver's port vanish, `replug()` brings it back. */
export interface TwinCable {
  /** "pty" (socat pair: the real serial stack) or "memory" (no socat: the same bytes in memory). */
  readonly over: "pty" | "memory";
  unplug(): Promise<void>;
  replug(): Promise<void>;
  dispose(): Promise<void>;
}

/** Virtual twins the agent runs itself, with their cables. */
export interface VirtualTwins {
  printer?: { device: VirtualPrinter; cable: TwinCable };
  idCardReader?: { device: VirtualIdCardReader; cable: TwinCable };
}

export interface StationDevicesEvents {
  health: [StationDeviceName, DeviceHealth];
  card: [idcard.CardRead];
  cardRemoved: [];
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
  readonly virtual: VirtualTwins = {};

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

  /**
   * Open every configured device. A device that cannot be opened does not stop the agent: its driver reports
   * "disconnected" and keeps retrying by itself (drivers' one face), so a kiosk boots with its printer off.
   */
  async open(): Promise<void> {
    const { printer: printerConfig, idCardReader } = this.config.devices;
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
  }

  async close(): Promise<void> {
    await this.printer?.close().catch(() => undefined);
    await this.idCardReader?.close().catch(() => undefined);
    for (const twin of [this.virtual.printer, this.virtual.idCardReader]) {
      if (!twin) continue;
      await twin.device.stop().catch(() => undefined);
      await twin.cable.dispose().catch(() => undefined);
    }
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

  /**
   * Start `name`'s virtual twin and return the host end for its driver: over a socat PTY pair (the real serial
   * stack), or over an in-memory link carrying the same bytes when socat is missing (said in the log).
   */
  private async virtualTwin(name: StationDeviceName): Promise<Transport> {
    const pty = this.options.virtualOverMemory
      ? undefined
      : await createPtyPair({ name }).catch((error: unknown) => {
          this.options.log.warn({ err: error }, `no socat: the virtual ${name} runs over an in-memory link`);
          return undefined;
        });
    if (pty) {
      const cable: TwinCable = {
        over: "pty",
        unplug: () => pty.unplug(),
        replug: () => pty.replug(),
        dispose: () => pty.dispose(),
      };
      if (name === "printer") {
        const device = new VirtualPrinter({ path: pty.devicePath });
        await device.start();
        this.virtual.printer = {
          device,
          cable: {
            ...cable,
            unplug: async () => {
              await pty.unplug();
              await device.stop();
            },
            replug: async () => {
              await pty.replug();
              await device.start();
            },
          },
        };
      } else if (name === "idCardReader") {
        const device = new VirtualIdCardReader({ path: pty.devicePath });
        await device.start();
        this.virtual.idCardReader = { device, cable };
      } else {
        await pty.dispose();
        throw new Error(`${name}: no virtual twin`);
      }
      return new SerialTransport({ path: pty.hostPath, baudRate: 115200 });
    }
    const pair = createMemoryTransportPair({ name });
    const replugDevice = async () => {
      await pair.replug();
      await pair.device.open();
    };
    const cable: TwinCable = {
      over: "memory",
      unplug: () => pair.unplug(),
      replug: replugDevice,
      dispose: () => pair.unplug(),
    };
    if (name === "printer") {
      const device = new VirtualPrinter();
      await pair.device.open();
      device.attach(pair.device);
      this.virtual.printer = { device, cable };
    } else if (name === "idCardReader") {
      const device = new VirtualIdCardReader({ path: `memory:${name}`, transport: pair.device });
      await device.start();
      this.virtual.idCardReader = { device, cable };
    } else throw new Error(`${name}: no virtual twin`);
    return pair.host;
  }
}
