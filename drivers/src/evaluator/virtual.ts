/**
 * VirtualEvaluationKeypad: the device side of the 评价器 protocol, over the device end of a PTY pair (serial) or
 * plugged into a FakeHidBackend (vendor HID). It acknowledges requests, keeps the request armed until `press()` or
 * its own timeout (then it reports key 0), answers polls, and records voice prompts. Knobs: `setFault` with "drop",
 * "corrupt", "garbage", "slow", "split", "silent" and "unplugged" (with a cable).
 */
import { EventEmitter } from "node:events";
import { deviceEnd, type DeviceEndOptions } from "../core/deviceEnd.ts";
import { FaultBoard, type FaultDetail, type FaultKnob, type FaultSwitchable } from "../core/faults.ts";
import type { Cable } from "../core/transport.ts";
import type { FakeHidBackend } from "../core/hidTransport.ts";
import { defaultFrameProfile, type Frame, type FrameProfile } from "../frame/codec.ts";
import { profileFraming } from "../frame/framing.ts";
import { hidReportFraming } from "../frame/hidReport.ts";
import { createTextCodec, type TextCodec } from "../frame/text.ts";
import { VirtualEndpoint } from "../frame/virtualEndpoint.ts";
import { EvaluatorCommand, EvaluatorReply, encodeResult } from "./codec.ts";
import type { Transport } from "../core/transport.ts";

/** A rating request as the unit received it. */
export interface ReceivedRatingRequest {
  readonly timeoutSec: number;
  readonly staffName: string;
}

export type VirtualEvaluationKeypadOptions =
  | (DeviceEndOptions & {
      readonly address?: number;
      readonly profile?: FrameProfile;
      /** Report key 0 when `timeoutSec` passes (default true). */
      readonly autoTimeout?: boolean;
    })
  | {
      readonly hid: { readonly backend: FakeHidBackend; readonly path: string };
      readonly autoTimeout?: boolean;
      readonly cable?: Cable;
    };

/** Events of the virtual unit. */
export interface VirtualEvaluationKeypadEvents {
  /** The host asked for a rating. */
  request: [ReceivedRatingRequest];
  /** The host asked for voice prompt `id`. */
  voice: [number];
  /** The host polled (heartbeat). */
  polled: [];
  /** The line reopened after a replug. */
  reconnected: [];
}

/** The device side of one 评价器; see VirtualEvaluationKeypadEvents. */
export class VirtualEvaluationKeypad extends EventEmitter<VirtualEvaluationKeypadEvents> implements FaultSwitchable {
  private readonly faults: FaultBoard;
  /** Voice prompts played, in order. */
  readonly voices: number[] = [];
  private readonly endpoint: VirtualEndpoint;
  private readonly address: number | undefined;
  private readonly text: TextCodec;
  private armed: { request: ReceivedRatingRequest; timer: NodeJS.Timeout | undefined } | undefined;

  constructor(private readonly options: VirtualEvaluationKeypadOptions) {
    super();
    let transport: Transport;
    if ("hid" in options) {
      options.hid.backend.plug(options.hid.path);
      transport = options.hid.backend.deviceTransport(options.hid.path);
      this.endpoint = new VirtualEndpoint(transport, hidReportFraming(8));
      this.address = undefined;
      this.text = createTextCodec("gb18030");
    } else {
      const profile = options.profile ?? defaultFrameProfile;
      transport = deviceEnd(options);
      this.endpoint = new VirtualEndpoint(transport, profileFraming(profile));
      this.address = profile.hasAddress ? (options.address ?? 1) : undefined;
      this.text = createTextCodec(profile.textEncoding);
    }
    this.faults = new FaultBoard("virtual evaluation keypad", this.endpoint.faultHandlers());
    this.faults.useCable(options.cable);
    this.endpoint.on("frame", (frame: Frame) => void this.onFrame(frame));
    this.endpoint.on("reconnected", () => this.emit("reconnected"));
  }

  async start(): Promise<void> {
    await this.endpoint.start();
  }

  get faultKnobs(): readonly FaultKnob[] {
    return this.faults.faultKnobs;
  }

  setFault(knob: FaultKnob, on: boolean, detail?: FaultDetail): Promise<void> {
    return this.faults.setFault(knob, on, detail);
  }

  async stop(): Promise<void> {
    this.disarm();
    await this.endpoint.stop();
  }

  /** The armed request, if any. */
  get pending(): ReceivedRatingRequest | undefined {
    return this.armed?.request;
  }

  /** Resolve with the next rating request the host sends. */
  expectRequest(): Promise<ReceivedRatingRequest> {
    return new Promise((resolve) => this.once("request", resolve));
  }

  /** Press key `key` (1-based index). Answers the armed request, or goes out unsolicited when none is armed. */
  async press(key: number): Promise<void> {
    this.disarm();
    await this.endpoint.transmit(encodeResult(this.address, key));
  }

  /** Write raw bytes to the host (line noise). */
  sendGarbage(bytes: Uint8Array): Promise<void> {
    return this.endpoint.sendRaw(bytes);
  }

  private async onFrame(frame: Frame): Promise<void> {
    if (this.address !== undefined && frame.address !== this.address && frame.address !== 0) return;
    const [first] = frame.data;
    switch (frame.command) {
      case EvaluatorCommand.RequestEvaluation: {
        if (first === undefined) return;
        const request = { timeoutSec: first, staffName: this.text.decode(frame.data.subarray(1)) };
        this.disarm();
        const autoTimeout = this.options.autoTimeout ?? true;
        const timer = autoTimeout ? setTimeout(() => void this.timeout(), first * 1000) : undefined;
        this.armed = { request, timer };
        this.emit("request", request);
        await this.endpoint.transmit(encodeResult(this.address));
        return;
      }
      case EvaluatorCommand.PlayVoice:
        if (first === undefined) return;
        this.voices.push(first);
        this.emit("voice", first);
        await this.endpoint.transmit(this.reply(EvaluatorReply.VoiceAck, new Uint8Array(0)));
        return;
      case EvaluatorCommand.Poll:
        this.emit("polled");
        await this.endpoint.transmit(this.reply(EvaluatorReply.Status, Uint8Array.of(this.armed ? 1 : 0)));
        return;
      default:
        return; // unknown commands get no answer, like the units we model
    }
  }

  private async timeout(): Promise<void> {
    this.armed = undefined;
    await this.endpoint.transmit(encodeResult(this.address, 0));
  }

  private reply(command: number, data: Uint8Array): Frame {
    return this.address === undefined ? { command, data } : { address: this.address, command, data };
  }

  private disarm(): void {
    clearTimeout(this.armed?.timer);
    this.armed = undefined;
  }
}
