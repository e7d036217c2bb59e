/**
 * The device end of a keypad / LED line, shared by the virtual devices. It frames what the host sends, hands each
 * frame to the device logic, and transmits answers through fault knobs (zwave-js MockController style):
 *
 *   host bytes --> Transport --> framer --> onFrame(frame) --> device logic --> transmit(frame)
 *                                        knobs (core/faults.ts): drop | corrupt | garbage | slow | split | silent
 *
 * After an unplug it reopens its transport with backoff, like a device that powers up again on replug.
 */
import { EventEmitter } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { CommandQueue } from "../core/commandQueue.ts";
import { defaultGarbage, defaultSlowMs, type FaultHandler, type FaultKnob } from "../core/faults.ts";
import { Reconnector } from "../core/reconnector.ts";
import type { Transport } from "../core/transport.ts";
import type { Frame } from "./codec.ts";
import type { Framing, StreamFramer } from "./framing.ts";

/** The line's fault state behind the knobs; counters apply to the next N transmitted frames and count down. */
export interface LineFaults {
  /** Frames to swallow silently (a lost reply). */
  dropNext: number;
  /** Frames to send with a damaged checksum. */
  corruptNext: number;
  /** Bytes sent before every frame (line noise). */
  garbage: Uint8Array;
  /** Delay before each transmission. */
  delayMs: number;
  /** Send each frame in single-byte writes. */
  split: boolean;
  /** Transmit nothing at all (a hung device). */
  silent: boolean;
}

/** Default knobs: a well-behaved device. */
export const noFaults = (): LineFaults => ({
  dropNext: 0,
  corruptNext: 0,
  garbage: new Uint8Array(0),
  delayMs: 0,
  split: false,
  silent: false,
});

/** Events of the device end of a line. */
export interface VirtualEndpointEvents {
  /** Every frame received from the host (also see `expectFrame`). */
  frame: [Frame];
  /** The transport reopened after a replug. */
  reconnected: [];
}

/** The device end of one line, shared by the virtual keypads and strips. */
export class VirtualEndpoint extends EventEmitter<VirtualEndpointEvents> {
  private readonly faults: LineFaults = noFaults();
  private framer: StreamFramer;
  private readonly reconnector: Reconnector;
  private stopping = false;
  private readonly outgoing = new CommandQueue();

  constructor(
    private readonly transport: Transport,
    private readonly framing: Framing,
  ) {
    super();
    this.framer = framing.createFramer();
    this.reconnector = new Reconnector(
      transport,
      { initialMs: 20, maxMs: 200 },
      { onReopened: () => this.emit("reconnected") },
    );
    transport.on("data", (chunk) => {
      for (const event of this.framer.push(chunk)) if (event.kind === "frame") this.emit("frame", event.frame);
    });
    transport.on("error", () => undefined);
    transport.on("close", ({ disconnected }) => {
      this.framer = framing.createFramer();
      if (disconnected && !this.stopping) this.reconnector.arm();
    });
  }

  async start(): Promise<void> {
    this.stopping = false;
    await this.transport.open();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.reconnector.cancel();
    await this.outgoing.idle();
    await this.transport.close();
  }

  /** Resolve with the next host frame that satisfies `match` (test helper, event driven). */
  expectFrame(match: (frame: Frame) => boolean = () => true): Promise<Frame> {
    return new Promise((resolve) => {
      const listener = (frame: Frame): void => {
        if (!match(frame)) return;
        this.off("frame", listener);
        resolve(frame);
      };
      this.on("frame", listener);
    });
  }

  /**
   * Send `frame` to the host through the fault knobs, in order with earlier transmissions. Resolves when written
   * (or dropped); a closed line drops the frame, as a real device would talk into a dead cable.
   */
  transmit(frame: Frame): Promise<void> {
    return this.outgoing.run(() => this.write(frame));
  }

  /** The line knobs (core/faults.ts vocabulary) for the device's FaultBoard; a device may override "silent". */
  faultHandlers(): Partial<Record<FaultKnob, FaultHandler>> {
    const f = this.faults;
    return {
      drop: (on, { count }) => void (f.dropNext = on ? (count ?? 1) : 0),
      corrupt: (on, { count }) => void (f.corruptNext = on ? (count ?? 1) : 0),
      garbage: (on, { bytes }) => void (f.garbage = on ? Uint8Array.from(bytes ?? defaultGarbage) : new Uint8Array(0)),
      slow: (on, { delayMs }) => void (f.delayMs = on ? (delayMs ?? defaultSlowMs) : 0),
      split: (on) => void (f.split = on),
      silent: (on) => void (f.silent = on),
    };
  }

  /** Write raw bytes (garbage injection). */
  async sendRaw(bytes: Uint8Array): Promise<void> {
    if (this.transport.isOpen) await this.transport.write(bytes);
  }

  private async write(frame: Frame): Promise<void> {
    const f = this.faults;
    if (f.delayMs > 0) await sleep(f.delayMs);
    if (f.silent) return;
    if (f.dropNext > 0) {
      f.dropNext--;
      return;
    }
    let bytes = this.framing.encode(frame);
    if (f.corruptNext > 0) {
      f.corruptNext--;
      bytes = this.framing.corrupt(bytes);
    }
    if (!this.transport.isOpen) return;
    if (f.garbage.length > 0) await this.transport.write(f.garbage);
    if (f.split) for (const b of bytes) await this.transport.write(Uint8Array.of(b));
    else await this.transport.write(bytes);
  }
}
