/**
 * CallerKeypad (呼叫器): staff keys as typed events, and text on the caller's display.
 * - serial "push" (RS-232 / USB-serial): callers send 0x90 key events on their own.
 * - serial "poll" (RS-485 multidrop): the host is the only master (devices.md §5.2) and polls each address in turn
 *   with 0x10; the answer is a key event or `[0x00]`. Polls and `showText` share one queue: one frame in flight.
 * - "hid": vendor-HID callers push 0x90 in 8-byte reports; events carry the configured address.
 *
 * Health is kept per address (`addressHealth`: polled addresses from the start, others once a frame or `showText`
 * involved them) and summarised for the line (`health`): connected when every caller answers, degraded naming the
 * silent ones, disconnected when none answers or the port is gone. A dead address stays one "degraded" while the
 * others keep answering; the line does not flap with every poll round.
 *
 * Logs under module "caller-keypad": line health at info/warn, per-caller changes and malformed key events at debug
 * (the link logs as "frame-link"). Key events themselves are not logged: they are routine, like a successful poll.
 */
import type { DeviceDriver } from "../core/deviceDriver.ts";
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import { defaultFrameProfile, type Frame, type FrameProfile } from "../frame/codec.ts";
import { profileFraming, type Framing } from "../frame/framing.ts";
import { hidReportFraming } from "../frame/hidReport.ts";
import { PolledLine, type PolledLineEvents, type PolledLineLinkOptions } from "../frame/polledLine.ts";
import { createTextCodec, type TextCodec } from "../frame/text.ts";
import { CallerReply, decodeKeyData, encodeCallerPoll, encodeShowText, type CallerAction } from "./codec.ts";

/** A key event with the caller's bus address. */
export type CallerKeyEvent = CallerAction & { readonly address: number };

/** Link settings of every variant (transport, timeouts, retries, reconnect, logger: modules "caller-keypad"). */
type LinkConfig = PolledLineLinkOptions;

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

/** A key event frame that could not be decoded. */
export interface DiscardedKeyFrame {
  readonly frame: Frame;
  readonly reason: string;
}

/** A poll that got no usable answer (the DriverError of the exchange). */
export interface PollFailure {
  readonly address: number;
  readonly error: unknown;
}

/** Events of a CallerKeypad, besides "health" (the line summary) and "addressHealth" (one caller). */
export interface CallerKeypadEvents extends PolledLineEvents {
  key: [CallerKeyEvent];
  /** A malformed key event. */
  discarded: [DiscardedKeyFrame];
  /** A polled address did not answer; fires every round it stays silent (health changes only once). */
  pollFailed: [PollFailure];
}

/** Staff keys and caller displays on one line; see CallerKeypadEvents. */
export class CallerKeypad extends PolledLine<CallerKeypadEvents> implements DeviceDriver {
  private readonly text: TextCodec;
  private readonly fixedAddress: number | undefined;

  constructor(config: CallerKeypadConfig) {
    let framing: Framing;
    let text: TextCodec;
    let fixedAddress: number | undefined;
    if (config.variant === "hid") {
      framing = hidReportFraming(config.reportLength ?? 8);
      text = createTextCodec("gb18030");
      fixedAddress = config.address ?? 1;
    } else {
      const profile = config.profile ?? defaultFrameProfile;
      if (!profile.hasAddress || !profile.hasCommand)
        throw new DriverError(DriverErrorCode.BadPayload, `caller profile ${profile.name} needs ADDR and CMD fields`);
      framing = profileFraming(profile);
      text = createTextCodec(profile.textEncoding);
    }
    const polled = config.variant === "serial" && config.mode === "poll" ? config.addresses : [];
    super(config, {
      framing,
      module: "caller-keypad",
      device: "caller",
      addresses: fixedAddress === undefined ? polled : [fixedAddress],
      polled,
      pollIntervalMs: config.variant === "serial" && config.mode === "poll" ? (config.pollIntervalMs ?? 50) : 0,
    });
    this.text = text;
    this.fixedAddress = fixedAddress;
  }

  /** Show `text` (e.g. "A023 等待12") on the caller at `address`; resolves on its 0x91 acknowledgement. */
  async showText(text: string, address?: number): Promise<void> {
    const target = this.fixedAddress ?? address ?? 1;
    const wireAddress = this.fixedAddress === undefined ? target : undefined;
    const reply = await this.exchange(
      target,
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

  protected override frameSource(frame: Frame): number | undefined {
    return this.fixedAddress ?? frame.address;
  }

  protected onUnclaimedFrame(frame: Frame): void {
    if (frame.command === CallerReply.KeyEvent) this.onKeyFrame(frame);
  }

  protected async pollAddress(address: number, retries: number | undefined): Promise<void> {
    try {
      const reply = await this.exchange(
        address,
        encodeCallerPoll(address),
        (f) => (f.command === CallerReply.KeyEvent && f.address === address ? "ok" : "ignore"),
        `caller ${address} poll reply`,
        retries,
      );
      this.onKeyFrame(reply);
    } catch (error) {
      this.emit("pollFailed", { address, error });
    }
  }

  private onKeyFrame(frame: Frame): void {
    const action = decodeKeyData(frame.data);
    if (action === "none") return;
    if (!action) {
      this.log.debug({ bus: frame.address, count: frame.data.length }, "malformed key event discarded");
      this.emit("discarded", { frame, reason: "malformed key event" });
      return;
    }
    const address = this.fixedAddress ?? frame.address ?? 0;
    this.emit("key", { ...action, address });
  }
}
