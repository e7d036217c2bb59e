/**
 * One vocabulary for the fault knobs of every virtual device (STYLE.md §3), and the one setter that turns them:
 * `device.setFault(knob, on, detail?)`. Each virtual device supports the knobs that make sense for it
 * (`device.faultKnobs`) and refuses the others with a clear error; "unplugged" pulls the device's cable (a PTY pair
 * or a memory pair) when it has one.
 *
 *   panel / test --setFault("paper-out", true)--> FaultBoard --> the device's handler for "paper-out"
 *                --setFault("unplugged", true)--> FaultBoard --> cable.unplug()
 */
import type { Cable } from "./transport.ts";

/** Every fault knob a virtual device may have. */
export const faultKnobs = [
  /** Printer: paper end (optionally after `detail.afterLines` more lines, mid-job). */
  "paper-out",
  /** Printer: the near-end sensor. */
  "paper-near-end",
  /** Printer: cover open. */
  "cover-open",
  /** Printer: the next cut jams the cutter; off clears a cutter error. */
  "cutter-jam",
  /** Printer: offline. */
  "offline",
  /** The cable is pulled (the host sees a disconnect); off plugs it back. */
  "unplugged",
  /** Line noise (`detail.bytes`, default 3 noise bytes) before every reply. */
  "garbage",
  /** Every reply leaves `detail.delayMs` late (default 300 ms). */
  "slow",
  /** Replies go out in pieces (`detail.chunks`; default byte by byte). */
  "split",
  /** The next `detail.count` replies (default 1) carry a damaged checksum. */
  "corrupt",
  /** The next `detail.count` replies (default 1) are lost. */
  "drop",
  /** The device answers nothing (a hung device); on a bus `detail.addresses` picks which devices (default all). */
  "silent",
  /** ID-card reader: the SAM fails its self-test (`detail.status` 0x60, or 0x66 not authorised). */
  "sam-fault",
] as const;

/** A fault knob name, e.g. "paper-out". */
export type FaultKnob = (typeof faultKnobs)[number];

/** Optional parameters of a knob; each knob reads only its own. */
export interface FaultDetail {
  /** "slow": delay per reply in ms. */
  readonly delayMs?: number;
  /** "garbage": the noise bytes. */
  readonly bytes?: Uint8Array;
  /** "corrupt", "drop": how many of the next replies. */
  readonly count?: number;
  /** "split": pieces per reply (bytes per piece on frame devices is 1). */
  readonly chunks?: number;
  /** "silent": which bus addresses. */
  readonly addresses?: readonly number[];
  /** "paper-out": run out after this many more printed lines instead of at once. */
  readonly afterLines?: number;
  /** "sam-fault": the SAM status byte to answer with. */
  readonly status?: number;
}

/** What every virtual device offers: its knobs and the one setter. */
export interface FaultSwitchable {
  /** The knobs this device supports, in vocabulary order. */
  readonly faultKnobs: readonly FaultKnob[];
  /**
   * Turn `knob` on or off. Rejects with an Error naming the device's knobs for a knob it does not have, and for
   * "unplugged" on a device without a cable. Resolves once the change took effect (a pulled cable is pulled).
   */
  setFault(knob: FaultKnob, on: boolean, detail?: FaultDetail): Promise<void>;
}

/** How one device applies one knob. */
export type FaultHandler = (on: boolean, detail: FaultDetail) => void | Promise<void>;

/** Default noise for "garbage": bytes no protocol here starts a frame with. */
export const defaultGarbage = Uint8Array.of(0x13, 0x37, 0x42);
/** Default delay for "slow", ms. */
export const defaultSlowMs = 300;

/** The knob table of one virtual device; the device delegates `setFault` and `faultKnobs` to it. */
export class FaultBoard implements FaultSwitchable {
  private cable: Cable | undefined;

  constructor(
    private readonly device: string,
    private readonly handlers: Partial<Record<FaultKnob, FaultHandler>>,
  ) {}

  /** The cable "unplugged" pulls, e.g. the PTY pair or memory pair the device hangs on. */
  useCable(cable: Cable | undefined): void {
    this.cable = cable;
  }

  get faultKnobs(): readonly FaultKnob[] {
    return faultKnobs.filter((knob) => this.handlers[knob] !== undefined || (knob === "unplugged" && this.cable));
  }

  async setFault(knob: FaultKnob, on: boolean, detail: FaultDetail = {}): Promise<void> {
    if (knob === "unplugged" && this.cable) {
      await (on ? this.cable.unplug() : this.cable.replug());
      return;
    }
    const handler = this.handlers[knob];
    if (!handler)
      throw new Error(`the ${this.device} has no "${knob}" fault knob; it has: ${this.faultKnobs.join(", ")}`);
    await handler(on, detail);
  }
}
