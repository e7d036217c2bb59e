/**
 * VirtualBarcodeScanner: the scanner's side of serial (USB-COM) mode on a PTY device end or a memory pair's
 * `device` end. `scan(code)` sends the code and the configured terminator, through the fault knobs (core/faults.ts):
 * "garbage" (noise before each scan), "slow", "split" (byte by byte), "drop" (the next N scans are lost),
 * "unplugged" (with a cable). `sendRaw` writes any bytes (an oversized or broken line).
 *
 *   scan(code) --encodeScan--> knobs --> device end Transport --> host "data"
 */
import { setTimeout as sleep } from "node:timers/promises";
import { CommandQueue } from "../core/commandQueue.ts";
import { deviceEnd, type DeviceEndOptions } from "../core/deviceEnd.ts";
import {
  defaultGarbage,
  defaultSlowMs,
  FaultBoard,
  type FaultDetail,
  type FaultKnob,
  type FaultSwitchable,
} from "../core/faults.ts";
import { Reconnector } from "../core/reconnector.ts";
import type { Transport } from "../core/transport.ts";
import { encodeScan } from "./codec.ts";

export type VirtualBarcodeScannerOptions = DeviceEndOptions & {
  /** What ends each scan (a scanner setting); default CR LF. */
  readonly terminator?: "\r" | "\n" | "\r\n";
};

/** A simulated serial barcode scanner; `start()` opens its end, `stop()` closes it. */
export class VirtualBarcodeScanner implements FaultSwitchable {
  /** Every code sent (or dropped by the "drop" knob), oldest first. */
  readonly scans: string[] = [];
  private readonly transport: Transport;
  private readonly board: FaultBoard;
  private readonly reconnector: Reconnector;
  private readonly outgoing = new CommandQueue();
  private running = false;
  private garbage = new Uint8Array(0);
  private delayMs = 0;
  private split = false;
  private dropNext = 0;

  constructor(private readonly options: VirtualBarcodeScannerOptions) {
    this.transport = deviceEnd(options);
    this.transport.on("error", () => undefined); // an unplug surfaces as "close"
    // A scanner powers up again on replug: reopen the end the unplug closed.
    this.reconnector = new Reconnector(this.transport, { initialMs: 20, maxMs: 200 });
    this.transport.on("close", ({ disconnected }) => {
      if (disconnected && this.running) this.reconnector.arm();
    });
    this.board = new FaultBoard("virtual barcode scanner", {
      garbage: (on, { bytes }) =>
        void (this.garbage = on ? Uint8Array.from(bytes ?? defaultGarbage) : new Uint8Array(0)),
      slow: (on, { delayMs }) => void (this.delayMs = on ? (delayMs ?? defaultSlowMs) : 0),
      split: (on) => void (this.split = on),
      drop: (on, { count }) => void (this.dropNext = on ? (count ?? 1) : 0),
    });
    this.board.useCable(options.cable);
  }

  async start(): Promise<void> {
    this.running = true;
    await this.transport.open();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.reconnector.cancel();
    await this.outgoing.idle();
    await this.transport.close();
  }

  get faultKnobs(): readonly FaultKnob[] {
    return this.board.faultKnobs;
  }

  setFault(knob: FaultKnob, on: boolean, detail?: FaultDetail): Promise<void> {
    return this.board.setFault(knob, on, detail);
  }

  /**
   * Scan `code` (printable ASCII; throws RangeError otherwise). Resolves once written, or dropped: a scan while
   * unplugged is lost, as the beep of a scanner with no cable is.
   */
  scan(code: string): Promise<void> {
    const bytes = encodeScan(code, this.options.terminator ?? "\r\n");
    this.scans.push(code);
    return this.outgoing.run(async () => {
      if (this.delayMs > 0) await sleep(this.delayMs);
      if (this.dropNext > 0) {
        this.dropNext--;
        return;
      }
      await this.write(this.garbage);
      if (this.split) for (const byte of bytes) await this.write(Uint8Array.of(byte));
      else await this.write(bytes);
    });
  }

  /** Write `bytes` as they are (an oversized line, a broken one), after any scan in flight. */
  sendRaw(bytes: Uint8Array): Promise<void> {
    const copy = Uint8Array.from(bytes);
    return this.outgoing.run(() => this.write(copy));
  }

  private async write(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0 || !this.transport.isOpen) return;
    await this.transport.write(bytes).catch(() => undefined);
  }
}
