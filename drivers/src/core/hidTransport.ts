/**
 * Transport over node-hid (devices.md §4.2), with node-hid injected at its own boundary so tests and the virtual
 * hall run without /dev/hidraw:
 *
 *   driver --write(report)--> HidTransport --[0x00 report ID + report]--> HidBackend.open(path) -> HidDevice
 *   driver <--"data"(report)-- HidTransport <--"data"(Buffer, one input report)--
 *
 * `nodeHidBackend()` wraps the real module, loaded lazily so nothing native loads until a HID device is used;
 * `FakeHidBackend` is the in-memory twin that virtual HID devices plug into.
 */
import { EventEmitter } from "node:events";
import { DriverError, DriverErrorCode } from "./errors.ts";
import type { Transport } from "./transport.ts";

/** The part of node-hid's `HIDAsync` a transport uses. `write` takes the report ID as its first byte. */
export interface HidDevice {
  write(values: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
  on(event: "data", listener: (report: Buffer) => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  removeAllListeners(event?: string): unknown;
}

/** Opens HID devices by OS path (e.g. /dev/hidraw3). Rejects when the device is absent or not accessible. */
export interface HidBackend {
  open(path: string): Promise<HidDevice>;
}

/** The real backend: node-hid's HIDAsync, imported on first open. */
export function nodeHidBackend(): HidBackend {
  return {
    async open(path) {
      const hid = await import("node-hid");
      return hid.HIDAsync.open(path);
    },
  };
}

export interface HidTransportOptions {
  readonly path: string;
  readonly backend: HidBackend;
  /** Output report size without the report ID; shorter writes are zero-padded (Windows needs the exact size). */
  readonly reportLength?: number;
}

/**
 * Transport over one HID device. Each "data" chunk is exactly one input report. A device "error" (node-hid's read
 * thread fails when the device is unplugged) closes the transport with `disconnected: true`.
 */
export class HidTransport extends EventEmitter implements Transport {
  readonly description: string;
  private device: HidDevice | undefined;

  constructor(private readonly options: HidTransportOptions) {
    super();
    this.description = `hid:${options.path}`;
  }

  get isOpen(): boolean {
    return this.device !== undefined;
  }

  async open(): Promise<void> {
    if (this.device) return;
    let device: HidDevice;
    try {
      device = await this.options.backend.open(this.options.path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DriverError(DriverErrorCode.OpenFailed, `cannot open ${this.description}: ${reason}`);
    }
    this.device = device;
    device.on("data", (report) => this.emit("data", report));
    device.on("error", (error) => {
      this.emit("error", error);
      void this.shutdown(device, true);
    });
  }

  async write(data: Uint8Array): Promise<void> {
    const device = this.device;
    if (!device) throw new DriverError(DriverErrorCode.NotOpen, `${this.description} is not open`);
    const length = Math.max(data.length, this.options.reportLength ?? 0);
    const report = Buffer.alloc(length + 1); // byte 0 = report ID 0x00 (unnumbered reports)
    report.set(data, 1);
    try {
      await device.write(report);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DriverError(DriverErrorCode.WriteFailed, `write to ${this.description} failed: ${reason}`);
    }
  }

  async close(): Promise<void> {
    if (this.device) await this.shutdown(this.device, false);
  }

  private async shutdown(device: HidDevice, disconnected: boolean): Promise<void> {
    if (this.device !== device) return;
    this.device = undefined;
    device.removeAllListeners("data");
    device.removeAllListeners("error");
    // A vanished device may fail to close; the handle is gone either way.
    await device.close().catch(() => undefined);
    this.emit("close", { disconnected });
  }
}

/** The device side of a FakeHidBackend slot: what a virtual HID device holds. */
export class FakeHidPeer extends EventEmitter {
  private host: FakeHidHandle | undefined;

  /** Send one input report to the host (no report ID, as node-hid delivers it). Dropped when nobody has it open. */
  sendReport(report: Uint8Array): void {
    this.host?.emit("data", Buffer.from(report));
  }

  /** @internal used by FakeHidBackend: `handle` now owns the host side (undefined = nobody). */
  attach(handle: FakeHidHandle | undefined): void {
    this.host = handle;
  }

  /** @internal the host closed `handle`. */
  release(handle: FakeHidHandle): void {
    if (this.host === handle) this.host = undefined;
  }

  /** Whether the host currently has the device open. */
  get hostOpen(): boolean {
    return this.host !== undefined;
  }
}

class FakeHidHandle extends EventEmitter implements HidDevice {
  closed = false;
  constructor(private readonly peer: FakeHidPeer) {
    super();
  }

  write(values: number[] | Buffer): Promise<number> {
    if (this.closed) return Promise.reject(new Error("Cannot write to hid device"));
    const bytes = Buffer.from(values);
    // The peer sees the output report as the OS would: report ID first.
    this.peer.emit("output", bytes);
    return Promise.resolve(bytes.length);
  }

  close(): Promise<void> {
    this.closed = true;
    this.peer.release(this);
    return Promise.resolve();
  }
}

/**
 * In-memory HidBackend. `plug(path)` makes a device appear and returns its peer; `unplug(path)` makes it vanish,
 * failing the open handle with an "error" like node-hid's read thread does.
 */
export class FakeHidBackend implements HidBackend {
  private readonly slots = new Map<string, { peer: FakeHidPeer; handle?: FakeHidHandle }>();

  plug(path: string): FakeHidPeer {
    const existing = this.slots.get(path);
    if (existing) return existing.peer;
    const peer = new FakeHidPeer();
    this.slots.set(path, { peer });
    return peer;
  }

  unplug(path: string): void {
    const slot = this.slots.get(path);
    if (!slot) return;
    this.slots.delete(path);
    slot.peer.attach(undefined);
    slot.peer.emit("unplugged");
    const handle = slot.handle;
    if (handle && !handle.closed) {
      handle.closed = true;
      handle.emit("error", new Error("could not read from HID device"));
    }
  }

  /** The peer currently plugged at `path`, if any. */
  peer(path: string): FakeHidPeer | undefined {
    return this.slots.get(path)?.peer;
  }

  /** A Transport for the device end of `path` (for virtual devices); opening fails while nothing is plugged there. */
  deviceTransport(path: string): Transport {
    return new FakeHidDeviceTransport(this, path);
  }

  open(path: string): Promise<HidDevice> {
    const slot = this.slots.get(path);
    if (!slot) return Promise.reject(new Error(`could not open HID device ${path}`));
    const handle = new FakeHidHandle(slot.peer);
    slot.handle = handle;
    slot.peer.attach(handle);
    return Promise.resolve(handle);
  }
}

/**
 * Device end of a fake HID slot as a Transport: host output reports arrive as "data" (report ID stripped), `write`
 * sends one input report. An unplug closes it with `disconnected: true`.
 */
class FakeHidDeviceTransport extends EventEmitter implements Transport {
  readonly description: string;
  private peer: FakeHidPeer | undefined;
  private readonly onOutput = (report: Buffer): void => void this.emit("data", report.subarray(1));
  private readonly onUnplugged = (): void => this.detach(true);

  constructor(
    private readonly backend: FakeHidBackend,
    private readonly path: string,
  ) {
    super();
    this.description = `fake-hid-device:${path}`;
  }

  get isOpen(): boolean {
    return this.peer !== undefined;
  }

  open(): Promise<void> {
    if (this.peer) return Promise.resolve();
    const peer = this.backend.peer(this.path);
    if (!peer) return Promise.reject(new DriverError(DriverErrorCode.OpenFailed, `${this.path} is not plugged`));
    this.peer = peer;
    peer.on("output", this.onOutput);
    peer.once("unplugged", this.onUnplugged);
    return Promise.resolve();
  }

  write(data: Uint8Array): Promise<void> {
    if (!this.peer) return Promise.reject(new DriverError(DriverErrorCode.NotOpen, `${this.description} is not open`));
    this.peer.sendReport(data);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.detach(false);
    return Promise.resolve();
  }

  private detach(disconnected: boolean): void {
    const peer = this.peer;
    if (!peer) return;
    this.peer = undefined;
    peer.off("output", this.onOutput);
    peer.off("unplugged", this.onUnplugged);
    this.emit("close", { disconnected });
  }
}
