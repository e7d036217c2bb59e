/**
 * A full set of virtual devices for one hall, each on its own socat PTY pair in `dir`:
 * per kiosk a printer and an ID-card reader, per window an evaluation keypad, an LED strip and a caller keypad.
 * The host-side paths go into the returned map, for station agents to open as if they were real ports.
 * Every ticket a virtual printer cuts is kept as `<dir>/tickets/<n>.txt` and `.png` (see TicketArchive).
 * The devices themselves, with their PTY links, are in `devices`, for the command channel to drive.
 */
import { join } from "node:path";
import { createPtyPair, type PtyPair } from "../core/ptyPair.ts";
import { VirtualEvaluationKeypad } from "../evaluator/virtual.ts";
import { VirtualLedStrip } from "../led/virtual.ts";
import { VirtualCallerKeypad } from "../caller/virtual.ts";
import { startVirtualPrinterOnPty, type VirtualPrinter } from "../printer/virtual.ts";
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
}

/** Host-side paths of every virtual device, by station. */
export interface VirtualHallMap {
  readonly dir: string;
  /** Where printed tickets are saved as `<n>.txt` and `<n>.png`. */
  readonly tickets: string;
  readonly kiosks: { kiosk: number; printer: string; idCardReader: string }[];
  readonly windows: {
    window: number;
    evaluationKeypad: { path: string; address: number; profile: string };
    ledStrip: { path: string; addresses: number[]; profile: string };
    callerKeypad: { path: string; mode: "push"; profile: string };
  }[];
}

/** A virtual device and the cable it hangs on: `unplug()` makes the host's port vanish, `replug()` brings it back. */
export interface PluggedDevice<D> {
  readonly device: D;
  readonly link: { unplug(): Promise<void>; replug(): Promise<void> };
}

/** The running virtual devices, by station, in the same order as the map. */
export interface VirtualHallDevices {
  readonly kiosks: {
    readonly kiosk: number;
    readonly printer: PluggedDevice<VirtualPrinter>;
    readonly idCardReader: PluggedDevice<VirtualIdCardReader>;
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
  /** Stop every device and kill every socat; idempotent. */
  stop(): Promise<void>;
}

/** Start the hall; on any failure, what was already started is stopped before the error is rethrown. */
export async function startVirtualHall(options: VirtualHallOptions): Promise<VirtualHall> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const step of stops.splice(0).reverse()) await step().catch(() => undefined);
  };
  const pair = async (name: string): Promise<PtyPair> => {
    const created = await createPtyPair({ dir: options.dir, name });
    stops.push(() => created.dispose());
    return created;
  };
  const started = async <D extends { start(): Promise<void>; stop(): Promise<void> }>(device: D): Promise<D> => {
    await device.start();
    stops.push(() => device.stop());
    return device;
  };
  try {
    const profile = getPrinterProfile(options.printerProfile ?? "generic-80");
    const tickets = new TicketArchive(join(options.dir, "tickets"), profile);
    await tickets.open();
    // Stops run in reverse: this one last, after the printers, so the final tickets are on disk.
    stops.push(() => tickets.flush());
    const map: VirtualHallMap = { dir: options.dir, tickets: tickets.dir, kiosks: [], windows: [] };
    const devices: VirtualHallDevices = { kiosks: [], windows: [] };
    for (let k = 1; k <= options.kiosks; k++) {
      const printer = await startVirtualPrinterOnPty({ dir: options.dir, name: `kiosk${k}-printer`, profile });
      stops.push(() => printer.stop());
      tickets.attach(printer.printer, k);
      const reader = await pair(`kiosk${k}-idcard`);
      const idCardReader = await started(new VirtualIdCardReader({ path: reader.devicePath }));
      map.kiosks.push({ kiosk: k, printer: printer.hostPath, idCardReader: reader.hostPath });
      devices.kiosks.push({
        kiosk: k,
        printer: { device: printer.printer, link: printer },
        idCardReader: { device: idCardReader, link: reader },
      });
    }
    for (let w = 1; w <= options.windows; w++) {
      const evaluator = await pair(`window${w}-evaluator`);
      const evaluationKeypad = await started(new VirtualEvaluationKeypad({ path: evaluator.devicePath, address: 1 }));
      const led = await pair(`window${w}-led`);
      const ledStrip = await started(new VirtualLedStrip({ path: led.devicePath, addresses: [1] }));
      const caller = await pair(`window${w}-caller`);
      const callerKeypad = await started(
        new VirtualCallerKeypad({ path: caller.devicePath, mode: "push", addresses: [1] }),
      );
      devices.windows.push({
        window: w,
        evaluationKeypad: { device: evaluationKeypad, link: evaluator },
        ledStrip: { device: ledStrip, link: led },
        callerKeypad: { device: callerKeypad, link: caller },
      });
      map.windows.push({
        window: w,
        evaluationKeypad: { path: evaluator.hostPath, address: 1, profile: "onewindow-default" },
        ledStrip: { path: led.hostPath, addresses: [1], profile: "onewindow-default" },
        callerKeypad: { path: caller.hostPath, mode: "push", profile: "onewindow-default" },
      });
    }
    return { map, devices, tickets, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
