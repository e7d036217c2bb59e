/**
 * A full set of virtual devices for one hall, each on its own link: a socat PTY pair in `dir` (`links: "pty"`, the
 * default) or a memory pair (`links: "memory"`: no socat needed, the same protocol bytes, in this process only).
 * Per kiosk a printer, an ID-card reader and a serial barcode scanner; per window an evaluation keypad, an LED strip
 * and a caller keypad. The host-side ends go into the returned map (PTY paths, or memory link names), for station
 * agents to open as if they were real ports: `hall.hostTransport(map entry)` gives the Transport for either kind.
 * Every ticket a virtual printer cuts is kept as `<dir>/tickets/<n>.txt` and `.png` (see TicketArchive).
 * The devices themselves, with their PTY links, are in `devices`, for the command channel to drive.
 */
import { join } from "node:path";
import type { DeviceEndOptions } from "../core/deviceEnd.ts";
import { createMemoryTransportPair } from "../core/memoryTransport.ts";
import { createPtyPair } from "../core/ptyPair.ts";
import { SerialTransport } from "../core/serialTransport.ts";
import type { Cable, Transport } from "../core/transport.ts";
import { VirtualBarcodeScanner } from "../scanner/virtual.ts";
import { VirtualEvaluationKeypad } from "../evaluator/virtual.ts";
import { VirtualLedStrip } from "../led/virtual.ts";
import { VirtualCallerKeypad } from "../caller/virtual.ts";
import { startVirtualPrinterOnMemory, startVirtualPrinterOnPty, type VirtualPrinter } from "../printer/virtual.ts";
import { VirtualIdCardReader } from "../idcard/virtual.ts";
import { getPrinterProfile } from "../printer/profiles.ts";
import { TicketArchive } from "./ticketArchive.ts";

export type { SavedTicket } from "./ticketArchive.ts";

export interface VirtualHallOptions {
  readonly dir: string;
  readonly windows: number;
  readonly kiosks: number;
  /** The printer model the kiosks' printers stand for, which sets the ticket images' width (generic-80). */
  readonly printerProfile?: string;
  /** "pty" (default): socat PTY pairs a separate process can open; "memory": in-process links, no socat. */
  readonly links?: "pty" | "memory";
}

/** Host-side paths of every virtual device, by station. */
export interface VirtualHallMap {
  readonly dir: string;
  /** What the host ends below are: PTY paths, or memory link names for `VirtualHall.hostTransport`. */
  readonly links: "pty" | "memory";
  /** Where printed tickets are saved as `<n>.txt` and `<n>.png`. */
  readonly tickets: string;
  readonly kiosks: { kiosk: number; printer: string; idCardReader: string; barcodeScanner: string }[];
  readonly windows: {
    window: number;
    evaluationKeypad: { path: string; address: number; profile: string };
    ledStrip: { path: string; addresses: number[]; profile: string };
    callerKeypad: { path: string; mode: "push"; profile: string };
  }[];
}

/**
 * A virtual device and the cable it hangs on: `unplug()` makes the host's port vanish, `replug()` brings it back
 * (the device's `setFault("unplugged", on)` pulls the same cable).
 */
export interface PluggedDevice<D> {
  readonly device: D;
  readonly link: Cable;
}

/** The running virtual devices, by station, in the same order as the map. */
export interface VirtualHallDevices {
  readonly kiosks: {
    readonly kiosk: number;
    readonly printer: PluggedDevice<VirtualPrinter>;
    readonly idCardReader: PluggedDevice<VirtualIdCardReader>;
    readonly barcodeScanner: PluggedDevice<VirtualBarcodeScanner>;
  }[];
  readonly windows: {
    readonly window: number;
    readonly evaluationKeypad: PluggedDevice<VirtualEvaluationKeypad>;
    readonly ledStrip: PluggedDevice<VirtualLedStrip>;
    readonly callerKeypad: PluggedDevice<VirtualCallerKeypad>;
  }[];
}

export interface VirtualHall {
  readonly map: VirtualHallMap;
  readonly devices: VirtualHallDevices;
  /** Emits "saved" for every ticket written to `map.tickets`. */
  readonly tickets: TicketArchive;
  /**
   * The host end named by a map entry: a new SerialTransport on a PTY path, or the memory link's host end (one per
   * link: a driver in this process opens it). Throws for a name the hall does not have.
   */
  hostTransport(end: string): Transport;
  /** Stop every device and kill every socat; idempotent. */
  stop(): Promise<void>;
}

/** One device's link: where the device listens, the host end's name, and the cable. */
interface HallLink {
  readonly device: DeviceEndOptions & { readonly cable: Cable };
  readonly host: string;
  readonly cable: Cable;
}

/** Start the hall; on any failure, what was already started is stopped before the error is rethrown. */
export async function startVirtualHall(options: VirtualHallOptions): Promise<VirtualHall> {
  const links = options.links ?? "pty";
  const stops: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const step of stops.splice(0).reverse()) await step().catch(() => undefined);
  };
  const memoryHosts = new Map<string, Transport>();
  const link = async (name: string): Promise<HallLink> => {
    if (links === "memory") {
      const pair = createMemoryTransportPair({ name });
      memoryHosts.set(pair.host.description, pair.host);
      return { device: { transport: pair.device, cable: pair }, host: pair.host.description, cable: pair };
    }
    const pair = await createPtyPair({ dir: options.dir, name });
    stops.push(() => pair.dispose());
    return { device: { path: pair.devicePath, cable: pair }, host: pair.hostPath, cable: pair };
  };
  const started = async <D extends { start(): Promise<void>; stop(): Promise<void> }>(device: D): Promise<D> => {
    await device.start();
    stops.push(() => device.stop());
    return device;
  };
  const hostTransport = (end: string): Transport => {
    if (links === "pty") return new SerialTransport({ path: end });
    const host = memoryHosts.get(end);
    if (!host) throw new Error(`the virtual hall has no memory link "${end}"`);
    return host;
  };
  try {
    const profile = getPrinterProfile(options.printerProfile ?? "generic-80");
    const tickets = new TicketArchive(join(options.dir, "tickets"), profile);
    await tickets.open();
    // Stops run in reverse: this one last, after the printers, so the final tickets are on disk.
    stops.push(() => tickets.flush());
    const map: VirtualHallMap = { dir: options.dir, links, tickets: tickets.dir, kiosks: [], windows: [] };
    const devices: VirtualHallDevices = { kiosks: [], windows: [] };
    for (let k = 1; k <= options.kiosks; k++) {
      const name = `kiosk${k}-printer`;
      let printer: { printer: VirtualPrinter; link: Cable; host: string };
      if (links === "memory") {
        const started = await startVirtualPrinterOnMemory({ name, profile });
        memoryHosts.set(started.host.description, started.host);
        stops.push(() => started.stop());
        printer = { printer: started.printer, link: started, host: started.host.description };
      } else {
        const started = await startVirtualPrinterOnPty({ dir: options.dir, name, profile });
        stops.push(() => started.stop());
        printer = { printer: started.printer, link: started, host: started.hostPath };
      }
      tickets.attach(printer.printer, k);
      const reader = await link(`kiosk${k}-idcard`);
      const idCardReader = await started(new VirtualIdCardReader(reader.device));
      const scanner = await link(`kiosk${k}-scanner`);
      const barcodeScanner = await started(new VirtualBarcodeScanner(scanner.device));
      map.kiosks.push({ kiosk: k, printer: printer.host, idCardReader: reader.host, barcodeScanner: scanner.host });
      devices.kiosks.push({
        kiosk: k,
        printer: { device: printer.printer, link: printer.link },
        idCardReader: { device: idCardReader, link: reader.cable },
        barcodeScanner: { device: barcodeScanner, link: scanner.cable },
      });
    }
    for (let w = 1; w <= options.windows; w++) {
      const evaluator = await link(`window${w}-evaluator`);
      const evaluationKeypad = await started(new VirtualEvaluationKeypad({ ...evaluator.device, address: 1 }));
      const led = await link(`window${w}-led`);
      const ledStrip = await started(new VirtualLedStrip({ ...led.device, addresses: [1] }));
      const caller = await link(`window${w}-caller`);
      const callerKeypad = await started(new VirtualCallerKeypad({ ...caller.device, mode: "push", addresses: [1] }));
      devices.windows.push({
        window: w,
        evaluationKeypad: { device: evaluationKeypad, link: evaluator.cable },
        ledStrip: { device: ledStrip, link: led.cable },
        callerKeypad: { device: callerKeypad, link: caller.cable },
      });
      map.windows.push({
        window: w,
        evaluationKeypad: { path: evaluator.host, address: 1, profile: "onewindow-default" },
        ledStrip: { path: led.host, addresses: [1], profile: "onewindow-default" },
        callerKeypad: { path: caller.host, mode: "push", profile: "onewindow-default" },
      });
    }
    return { map, devices, tickets, stop, hostTransport };
  } catch (error) {
    await stop();
    throw error;
  }
}
