/**
 * VirtualLedStrip: one or more LED strips sharing one RS-485 line (the device end of a PTY pair). Each address keeps
 * what it shows per line (decoded from the profile's charset), its idle texts and brightness, and answers every
 * addressed command with a 0xA0..0xA3 status, and the 0x10 status poll with 0x90 `[0]`; broadcasts (address 0)
 * are applied silently.
 * Knobs: `faults` (drop / corrupt / garbage / delay / split replies), `badChecksumNext` (reply status 1),
 * `silent` (addresses that never answer: a dead strip).
 */
import { EventEmitter } from "node:events";
import { SerialTransport } from "../core/serialTransport.ts";
import { defaultFrameProfile, type Frame, type FrameProfile } from "../frame/codec.ts";
import { profileFraming } from "../frame/framing.ts";
import { createTextCodec, type TextCodec } from "../frame/text.ts";
import { VirtualEndpoint, type FaultKnobs } from "../frame/virtualEndpoint.ts";
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

export interface VirtualLedStripOptions {
  readonly path: string;
  /** Addresses on this line; default [1]. */
  readonly addresses?: readonly number[];
  readonly profile?: FrameProfile;
}

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
export class VirtualLedStrip extends EventEmitter<VirtualLedStripEvents> {
  readonly faults: FaultKnobs;
  /** Next N addressed commands are answered with status 1 (bad checksum) and not applied. */
  badChecksumNext = 0;
  /** Addresses that stay silent (a dead strip on the bus). */
  readonly silent = new Set<number>();
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
    this.endpoint = new VirtualEndpoint(new SerialTransport({ path: options.path }), profileFraming(profile));
    this.faults = this.endpoint.faults;
    this.endpoint.on("frame", (frame: Frame) => void this.onFrame(frame));
    this.endpoint.on("reconnected", () => this.emit("reconnected"));
  }

  start(): Promise<void> {
    return this.endpoint.start();
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
