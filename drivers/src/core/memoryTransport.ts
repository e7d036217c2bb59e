/**
 * Two Transports joined in memory: what one end writes arrives as "data" at the other, in order, on a later turn
 * of the event loop, as over a serial line. It carries the same protocol bytes as a PTY pair without socat, for fast
 * driver tests and for a demo on a machine without socat. The PTY pair stays the way to exercise the serial stack.
 *
 *   host.write(bytes) --setImmediate--> device "data"        device.write(bytes) --setImmediate--> host "data"
 *   pair.unplug() --> both open ends: "close" { disconnected: true }; open() rejects OpenFailed until replug()
 *
 * Each end obeys core/transport.ts: open/close per end (closing one end leaves the other open, as with a PTY: the
 * bytes it writes meanwhile are lost, as on a cable with nobody listening), "close" exactly once per open.
 */
import { EventEmitter } from "node:events";
import { DriverError, DriverErrorCode } from "./errors.ts";
import type { Cable, Transport } from "./transport.ts";

/** A memory link: its two ends and the cable between them. */
export interface MemoryTransportPair extends Cable {
  /** The end a driver opens. */
  readonly host: Transport;
  /** The end a virtual device opens. */
  readonly device: Transport;
  /** False between `unplug()` and `replug()`. */
  readonly plugged: boolean;
}

export interface MemoryTransportPairOptions {
  /** Used in both ends' descriptions: "memory:<name>/host" and "memory:<name>/device" (default "link"). */
  readonly name?: string;
}

class MemoryEnd extends EventEmitter implements Transport {
  peer: MemoryEnd | undefined;
  private open_ = false;
  /** Counts opens: bytes are delivered only to the very session that was open when they were written. */
  private session = 0;

  constructor(
    readonly description: string,
    private readonly cable: { plugged: boolean },
  ) {
    super();
  }

  get isOpen(): boolean {
    return this.open_;
  }

  open(): Promise<void> {
    if (!this.cable.plugged)
      return Promise.reject(new DriverError(DriverErrorCode.OpenFailed, `cannot open ${this.description}: unplugged`));
    if (!this.open_) this.session++;
    this.open_ = true;
    return Promise.resolve();
  }

  write(data: Uint8Array): Promise<void> {
    if (!this.open_) return Promise.reject(new DriverError(DriverErrorCode.NotOpen, `${this.description} is not open`));
    const bytes = Buffer.from(data); // a copy: the writer may reuse its buffer
    const peer = this.peer;
    if (!peer?.open_) return Promise.resolve();
    const session = peer.session;
    setImmediate(() => {
      if (peer.open_ && peer.session === session) peer.emit("data", bytes);
    });
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.drop(false);
    return Promise.resolve();
  }

  /** Close this end now, telling listeners whether the link went away. */
  drop(disconnected: boolean): void {
    if (!this.open_) return;
    this.open_ = false;
    this.emit("close", { disconnected });
  }
}

/** A fresh, plugged memory link; neither end is open yet. */
export function createMemoryTransportPair(options: MemoryTransportPairOptions = {}): MemoryTransportPair {
  const name = options.name ?? "link";
  const cable = { plugged: true };
  const host = new MemoryEnd(`memory:${name}/host`, cable);
  const device = new MemoryEnd(`memory:${name}/device`, cable);
  host.peer = device;
  device.peer = host;
  return {
    host,
    device,
    get plugged() {
      return cable.plugged;
    },
    unplug() {
      cable.plugged = false;
      host.drop(true);
      device.drop(true);
      return Promise.resolve();
    },
    replug() {
      cable.plugged = true;
      return Promise.resolve();
    },
  };
}
