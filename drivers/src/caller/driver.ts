/**
 * CallerKeypad (呼叫器): staff keys as typed events, and text on the caller's display.
 * - serial "push" (RS-232 / USB-serial): callers send 0x90 key events on their own.
 * - serial "poll" (RS-485 multidrop): the host is the only master (devices.md §5.2) and polls each address in turn
 *   with 0x10; the answer is a key event or `[0x00]`. Polls and `showText` share one queue: one frame in flight.
 * - "hid": vendor-HID callers push 0x90 in 8-byte reports; events carry the configured address.
 */
import { EventEmitter } from "node:events";
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import type { DeviceHealth } from "../core/health.ts";
import type { Transport } from "../core/transport.ts";
import { defaultFrameProfile, type Frame, type FrameProfile } from "../frame/codec.ts";
import { profileFraming, type Framing } from "../frame/framing.ts";
import { hidReportFraming } from "../frame/hidReport.ts";
import { FrameLink } from "../frame/link.ts";
import { createTextCodec, type TextCodec } from "../frame/text.ts";
import { CallerReply, decodeKeyData, encodeCallerPoll, encodeShowText, type CallerAction } from "./codec.ts";

/** A key event with the caller's bus address. */
export type CallerKeyEvent = CallerAction & { readonly address: number };

interface LinkConfig {
  readonly transport: Transport;
  readonly ackTimeoutMs?: number;
  readonly retries?: number;
  readonly reconnectInitialMs?: number;
}

/** Configuration of a CallerKeypad. */
export type CallerKeypadConfig =
  | ({ readonly variant: "serial"; readonly mode: "push"; readonly profile?: FrameProfile } & LinkConfig)
  | ({
      readonly variant: "serial";
      readonly mode: "poll";
      readonly profile?: FrameProfile;
      /** Addresses on the RS-485 line, polled in this order. */
      readonly addresses: readonly number[];
      /** Pause between polling rounds; default 50 ms. */
      readonly pollIntervalMs?: number;
    } & LinkConfig)
  | ({ readonly variant: "hid"; readonly address?: number; readonly reportLength?: number } & LinkConfig);

/**
 * Events: "key" (CallerKeyEvent), "discarded" ({frame, reason}) for malformed key events, "pollFailed"
 * ({address, error}) when an address does not answer, "health" (DeviceHealth).
 */
export class CallerKeypad extends EventEmitter {
  private readonly link: FrameLink;
  private readonly text: TextCodec;
  private readonly fixedAddress: number | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly config: CallerKeypadConfig) {
    super();
    let framing: Framing;
    if (config.variant === "hid") {
      framing = hidReportFraming(config.reportLength ?? 8);
      this.text = createTextCodec("gb18030");
      this.fixedAddress = config.address ?? 1;
    } else {
      const profile = config.profile ?? defaultFrameProfile;
      if (!profile.hasAddress || !profile.hasCommand)
        throw new DriverError(DriverErrorCode.BadPayload, `caller profile ${profile.name} needs ADDR and CMD fields`);
      framing = profileFraming(profile);
      this.text = createTextCodec(profile.textEncoding);
      this.fixedAddress = undefined;
    }
    this.link = new FrameLink({
      transport: config.transport,
      framing,
      ackTimeoutMs: config.ackTimeoutMs ?? 200,
      retries: config.retries ?? 3,
      reconnectInitialMs: config.reconnectInitialMs ?? 100,
    });
    this.link.on("health", (health: DeviceHealth) => this.emit("health", health));
    this.link.on("discarded", () => undefined);
    this.link.on("frame", (frame: Frame) => {
      if (frame.command === CallerReply.KeyEvent) this.onKeyFrame(frame);
    });
  }

  get health(): DeviceHealth {
    return this.link.health;
  }

  async open(): Promise<void> {
    await this.link.open();
    this.running = true;
    if (this.config.variant === "serial" && this.config.mode === "poll") this.schedulePoll(0);
  }

  async close(): Promise<void> {
    this.running = false;
    clearTimeout(this.pollTimer);
    await this.link.close();
  }

  /** Show `text` (e.g. "A023 等待12") on the caller at `address`; resolves on its 0x91 acknowledgement. */
  async showText(text: string, address?: number): Promise<void> {
    const target = this.fixedAddress ?? address ?? 1;
    const wireAddress = this.fixedAddress === undefined ? target : undefined;
    const reply = await this.link.request(
      encodeShowText(wireAddress, this.text.encode(text)),
      (f) =>
        f.command === CallerReply.ShowAck && (wireAddress === undefined || f.address === target) ? "ok" : "ignore",
      `caller ${target} display ack`,
    );
    if (reply.data[0] !== 0)
      throw new DriverError(DriverErrorCode.DeviceStatus, `caller ${target} refused the text`, {
        status: reply.data[0],
      });
  }

  private onKeyFrame(frame: Frame): void {
    const action = decodeKeyData(frame.data);
    if (action === "none") return;
    if (!action) {
      this.emit("discarded", { frame, reason: "malformed key event" });
      return;
    }
    const address = this.fixedAddress ?? frame.address ?? 0;
    this.emit("key", { ...action, address } satisfies CallerKeyEvent);
  }

  private schedulePoll(delay: number): void {
    this.pollTimer = setTimeout(() => void this.pollRound(), delay);
  }

  private async pollRound(): Promise<void> {
    if (this.config.variant !== "serial" || this.config.mode !== "poll") return;
    for (const address of this.config.addresses) {
      if (!this.running) return;
      if (this.link.health.state === "disconnected") break;
      try {
        const reply = await this.link.request(
          encodeCallerPoll(address),
          (f) => (f.command === CallerReply.KeyEvent && f.address === address ? "ok" : "ignore"),
          `caller ${address} poll reply`,
        );
        this.onKeyFrame(reply);
      } catch (error) {
        this.emit("pollFailed", { address, error });
      }
    }
    // While unplugged, rounds continue at a slower pace; the link reconnects underneath.
    const pause = this.link.health.state === "disconnected" ? 200 : (this.config.pollIntervalMs ?? 50);
    if (this.running) this.schedulePoll(pause);
  }
}
