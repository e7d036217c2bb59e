/**
 * VirtualCallerKeypad: one or more callers on the device end of a PTY pair, or one vendor-HID caller plugged into a
 * FakeHidBackend. In "push" mode a press goes out at once; in "poll" mode presses queue per address and go out as
 * answers to the host's 0x10 polls (one per poll, `[0x00]` when none). Texts from 0x11 are recorded per address.
 * Knobs: `setFault` with "drop", "corrupt", "garbage", "slow", "split", "silent" (`detail.addresses`, default all:
 * callers that never answer) and "unplugged" (with a cable).
 */
import { EventEmitter } from "node:events";
import type { FakeHidBackend } from "../core/hidTransport.ts";
import { deviceEnd, type DeviceEndOptions } from "../core/deviceEnd.ts";
import { FaultBoard, type FaultDetail, type FaultKnob, type FaultSwitchable } from "../core/faults.ts";
import type { Cable } from "../core/transport.ts";
import { defaultFrameProfile, type Frame, type FrameProfile } from "../frame/codec.ts";
import { profileFraming } from "../frame/framing.ts";
import { hidReportFraming } from "../frame/hidReport.ts";
import { createTextCodec, type TextCodec } from "../frame/text.ts";
import { VirtualEndpoint } from "../frame/virtualEndpoint.ts";
import { CallerCommand, encodeKeyEvent, encodeShowAck, type CallerAction } from "./codec.ts";

export type VirtualCallerKeypadOptions =
  | (DeviceEndOptions & {
      readonly mode: "push" | "poll";
      /** Addresses of the callers on this line; default [1]. */
      readonly addresses?: readonly number[];
      readonly profile?: FrameProfile;
    })
  | { readonly hid: { readonly backend: FakeHidBackend; readonly path: string }; readonly cable?: Cable };

/** Events of the virtual callers. */
export interface VirtualCallerKeypadEvents {
  /** Text arrived for the display at `address`. */
  text: [{ readonly address: number; readonly text: string }];
  /** The host polled `address` (0x10). */
  polled: [{ readonly address: number }];
  /** The line reopened after a replug. */
  reconnected: [];
}

/** One or more virtual callers on one line; see VirtualCallerKeypadEvents. */
export class VirtualCallerKeypad extends EventEmitter<VirtualCallerKeypadEvents> implements FaultSwitchable {
  /** Last text shown per address. */
  readonly texts = new Map<number, string>();
  /** Addresses that stay silent (a dead caller on the bus). */
  private readonly silent = new Set<number>();
  private readonly faults: FaultBoard;
  private readonly endpoint: VirtualEndpoint;
  private readonly text: TextCodec;
  private readonly mode: "push" | "poll";
  private readonly addresses: readonly number[];
  private readonly hid: boolean;
  private readonly queues = new Map<number, CallerAction[]>();

  constructor(options: VirtualCallerKeypadOptions) {
    super();
    if ("hid" in options) {
      options.hid.backend.plug(options.hid.path);
      this.endpoint = new VirtualEndpoint(options.hid.backend.deviceTransport(options.hid.path), hidReportFraming(8));
      this.text = createTextCodec("gb18030");
      this.mode = "push";
      this.addresses = [1];
      this.hid = true;
    } else {
      const profile = options.profile ?? defaultFrameProfile;
      this.endpoint = new VirtualEndpoint(deviceEnd(options), profileFraming(profile));
      this.text = createTextCodec(profile.textEncoding);
      this.mode = options.mode;
      this.addresses = options.addresses ?? [1];
      this.hid = false;
    }
    for (const address of this.addresses) this.queues.set(address, []);
    this.faults = new FaultBoard("virtual caller keypad", {
      ...this.endpoint.faultHandlers(),
      silent: (on, { addresses }) => {
        for (const address of addresses ?? this.addresses)
          if (on) this.silent.add(address);
          else this.silent.delete(address);
      },
    });
    this.faults.useCable(options.cable);
    this.endpoint.on("frame", (frame: Frame) => void this.onFrame(frame));
    this.endpoint.on("reconnected", () => this.emit("reconnected"));
  }

  start(): Promise<void> {
    return this.endpoint.start();
  }

  get faultKnobs(): readonly FaultKnob[] {
    return this.faults.faultKnobs;
  }

  setFault(knob: FaultKnob, on: boolean, detail?: FaultDetail): Promise<void> {
    return this.faults.setFault(knob, on, detail);
  }

  stop(): Promise<void> {
    return this.endpoint.stop();
  }

  /** Presses waiting for a poll at `address`. */
  queued(address = 1): number {
    return this.queues.get(address)?.length ?? 0;
  }

  /**
   * Press a key, e.g. `press({kind: "transfer", targetWindow: 5}, 2)`. Push mode sends it now; poll mode queues it
   * for the next poll of `address`.
   */
  async press(action: CallerAction, address = this.addresses[0] ?? 1): Promise<void> {
    const queue = this.queues.get(address);
    if (!queue) throw new Error(`no caller at address ${address}`);
    if (this.mode === "poll") queue.push(action);
    else await this.endpoint.transmit(encodeKeyEvent(this.hid ? undefined : address, action));
  }

  /** Write raw bytes to the host (line noise). */
  sendGarbage(bytes: Uint8Array): Promise<void> {
    return this.endpoint.sendRaw(bytes);
  }

  private async onFrame(frame: Frame): Promise<void> {
    const address = this.hid ? (this.addresses[0] ?? 1) : (frame.address ?? -1);
    const queue = this.queues.get(address);
    if (!queue || this.silent.has(address)) return;
    const wireAddress = this.hid ? undefined : address;
    if (frame.command === CallerCommand.Poll) {
      this.emit("polled", { address });
      await this.endpoint.transmit(encodeKeyEvent(wireAddress, queue.shift() ?? "none"));
    } else if (frame.command === CallerCommand.ShowText) {
      const text = this.text.decode(frame.data);
      this.texts.set(address, text);
      this.emit("text", { address, text });
      await this.endpoint.transmit(encodeShowAck(wireAddress));
    }
  }
}
