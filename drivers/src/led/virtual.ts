/**
 * VirtualLedStrip: one or more LED strips sharing one RS-485 line (the device end of a PTY pair). Each address keeps
 * what it shows per line (decoded from the profile's charset), its idle texts and brightness, and answers every
 * addressed command with a 0xA0..0xA3 status, and the 0x10 status poll with 0x90 `[0]`; broadcasts (address 0)
 * are applied silently.
 * Knobs: `setFault` with "drop", "corrupt", "garbage", "slow", "split" (replies), "silent" (`detail.addresses`, default
 * all: strips that never answer, a dead strip) and "unplugged" (with a cable); `badChecksumNext` (reply status 1).
 */
import { EventEmitter } from "node:events";
import { deviceEnd, type DeviceEndOptions } from "../core/deviceEnd.ts";
import { FaultBoard, type FaultDetail, type FaultKnob, type FaultSwitchable } from "../core/faults.ts";
import { defaultFrameProfile, type Frame, type FrameProfile } from "../frame/codec.ts";
import { profileFraming } from "../frame/framing.ts";
import { createTextCodec, type TextCodec } from "../frame/text.ts";
import { VirtualEndpoint } from "../frame/virtualEndpoint.ts";
import {
  ALL_LINES,
  decodeLedRequest,
  encodeReply,
  LedCommand,
  LedStatus,
  type LedRequest,
  type LedTextOptions,
} from "./codec.ts";

/** What one strip shows on one line. */
export interface LedLine extends LedTextOptions {
  readonly text: string;
}

/** The state of one strip address. */
export interface LedStripState {
  readonly lines: Map<number, LedLine>;
  readonly idle: Map<number, LedLine>;
  brightness: number;
}

/** Where the line listens (a PTY device end `path` or a device end `transport`), its addresses and profile. */
export type VirtualLedStripOptions = DeviceEndOptions & {
  /** Addresses on this line; default [1]. */
  readonly addresses?: readonly number[];
  readonly profile?: FrameProfile;
};

/** Events of the virtual strips. */
export interface VirtualLedStripEvents {
  /** A display command was applied at `address`. */
  changed: [{ readonly address: number }];
  /** `address` was polled (0x10) and is answering. */
  polled: [{ readonly address: number }];
  /** The line reopened after a replug. */
  reconnected: [];
}

/** One or more virtual strips on one line; see VirtualLedStripEvents. */
export class VirtualLedStrip extends EventEmitter<VirtualLedStripEvents> implements FaultSwitchable {
  /** Next N addressed commands are answered with status 1 (bad checksum) and not applied. */
  badChecksumNext = 0;
  /** Addresses that stay silent (a dead strip on the bus). */
  private readonly silent = new Set<number>();
  private readonly faults: FaultBoard;
  /** Display commands received per address, including refused ones; status polls are counted in `polls`. */
  readonly received = new Map<number, number>();
  /** Status polls (0x10) answered per address. */
  readonly polls = new Map<number, number>();
  private readonly strips = new Map<number, LedStripState>();
  private readonly endpoint: VirtualEndpoint;
  private readonly text: TextCodec;

  constructor(options: VirtualLedStripOptions) {
    super();
    const profile = options.profile ?? defaultFrameProfile;
    for (const address of options.addresses ?? [1])
      this.strips.set(address, { lines: new Map(), idle: new Map(), brightness: 15 });
    this.text = createTextCodec(profile.textEncoding);
    this.endpoint = new VirtualEndpoint(deviceEnd(options), profileFraming(profile));
    this.faults = new FaultBoard("virtual LED strip", {
      ...this.endpoint.faultHandlers(),
      silent: (on, { addresses }) => {
        for (const address of addresses ?? [...this.strips.keys()])
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

  /** State of `address` (throws for an address this line does not have). */
  state(address: number): LedStripState {
    const strip = this.strips.get(address);
    if (!strip) throw new Error(`no LED strip at address ${address}`);
    return strip;
  }

  /** Text shown on `line` of `address`, or undefined when blank. */
  textAt(address: number, line = 1): string | undefined {
    return this.state(address).lines.get(line)?.text;
  }

  private async onFrame(frame: Frame): Promise<void> {
    const address = frame.address ?? -1;
    const command = frame.command ?? 0;
    const targets = address === 0 ? [...this.strips.keys()] : this.strips.has(address) ? [address] : [];
    if (targets.length === 0) return; // another device on the bus
    const answer = address !== 0 && !this.silent.has(address);
    const counter = command === LedCommand.Status ? this.polls : this.received;
    if (answer) counter.set(address, (counter.get(address) ?? 0) + 1);
    if (answer && this.badChecksumNext > 0) {
      this.badChecksumNext--;
      await this.endpoint.transmit(encodeReply(address, command, LedStatus.BadChecksum));
      return;
    }
    const request = decodeLedRequest(frame);
    if (request?.type === "status") {
      if (answer) this.emit("polled", { address });
    } else if (request) for (const target of targets) this.apply(target, request);
    if (answer)
      await this.endpoint.transmit(encodeReply(address, command, request ? LedStatus.Ok : LedStatus.BadCommand));
  }

  private apply(address: number, request: Exclude<LedRequest, { type: "status" }>): void {
    const strip = this.state(address);
    switch (request.type) {
      case "show":
      case "idle": {
        const { text, type, ...layout } = request;
        (type === "show" ? strip.lines : strip.idle).set(request.line, { ...layout, text: this.text.decode(text) });
        break;
      }
      case "clear":
        if (request.line === ALL_LINES) strip.lines.clear();
        else strip.lines.delete(request.line);
        break;
      case "brightness":
        strip.brightness = request.level;
        break;
    }
    this.emit("changed", { address });
  }
}
