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
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import type { DeviceHealth } from "../core/health.ts";
import { driverLogger, logHealth } from "../core/logger.ts";
import type { Transport } from "../core/transport.ts";
import { defaultFrameProfile, type Frame, type FrameProfile } from "../frame/codec.ts";
import { profileFraming, type Framing } from "../frame/framing.ts";
import { hidReportFraming } from "../frame/hidReport.ts";
import { LineHealth, type AddressHealth, type AddressHealthChange } from "../frame/lineHealth.ts";
import { FrameLink, type ReplyVerdict } from "../frame/link.ts";
import { createTextCodec, type TextCodec } from "../frame/text.ts";
import { CallerReply, decodeKeyData, encodeCallerPoll, encodeShowText, type CallerAction } from "./codec.ts";

/** A key event with the caller's bus address. */
export type CallerKeyEvent = CallerAction & { readonly address: number };

interface LinkConfig {
  readonly transport: Transport;
  readonly ackTimeoutMs?: number;
  readonly retries?: number;
  readonly reconnectInitialMs?: number;
  /** Where the caller driver and its link log (modules "caller-keypad" and "frame-link"); silent when absent. */
  readonly logger?: Logger;
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

/** Events of a CallerKeypad. */
export interface CallerKeypadEvents {
  key: [CallerKeyEvent];
  /** A malformed key event. */
  discarded: [DiscardedKeyFrame];
  /** A polled address did not answer; fires every round it stays silent (health changes only once). */
  pollFailed: [PollFailure];
  /** The line summary changed. */
  health: [DeviceHealth];
  /** One caller started or stopped answering. */
  addressHealth: [AddressHealthChange];
}

/** Staff keys and caller displays on one line; see CallerKeypadEvents. */
export class CallerKeypad extends EventEmitter<CallerKeypadEvents> {
  private readonly link: FrameLink;
  private readonly text: TextCodec;
  private readonly fixedAddress: number | undefined;
  private readonly lineHealth: LineHealth;
  private readonly log: Logger;
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
    this.log = driverLogger(config.logger, { module: "caller-keypad", device: config.transport.description });
    this.link = new FrameLink({
      transport: config.transport,
      logger: config.logger,
      framing,
      ackTimeoutMs: config.ackTimeoutMs ?? 200,
      retries: config.retries ?? 3,
      reconnectInitialMs: config.reconnectInitialMs ?? 100,
    });
    const polled = config.variant === "serial" && config.mode === "poll" ? config.addresses : [];
    this.lineHealth = new LineHealth({
      addresses: this.fixedAddress === undefined ? polled : [this.fixedAddress],
      device: "caller",
    });
    this.link.on("health", (health) => this.track(this.lineHealth.onPort(health)));
    this.link.on("discarded", () => undefined);
    this.link.on("frame", (frame) => {
      const from = this.fixedAddress ?? frame.address;
      if (from !== undefined) this.track([this.lineHealth.onHeard(from)]);
      if (frame.command === CallerReply.KeyEvent) this.onKeyFrame(frame);
    });
  }

  /** Health of the line: connected when every caller answers, degraded naming silent ones, else disconnected. */
  get health(): DeviceHealth {
    return this.lineHealth.summary;
  }

  /** Health of each caller address. */
  get addressHealth(): ReadonlyMap<number, AddressHealth> {
    return this.lineHealth.addresses;
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

  /** One request to `address`; its outcome is booked against the address either way. */
  private async exchange(
    address: number,
    frame: Frame,
    judge: (reply: Frame) => ReplyVerdict,
    what: string,
    retries?: number,
  ): Promise<Frame> {
    try {
      const reply = await this.link.request(frame, judge, what, retries === undefined ? {} : { retries });
      this.track([this.lineHealth.onExchange(address)]);
      return reply;
    } catch (error) {
      this.track([this.lineHealth.onExchange(address, error)]);
      throw error;
    }
  }

  private track(changes: readonly (AddressHealthChange | undefined)[]): void {
    for (const change of changes) {
      if (!change) continue;
      // Debug only: a caller going silent also changes the line summary, which is logged at warn below.
      this.log.debug(
        { bus: change.address, state: change.health.state, reason: change.health.reason },
        "caller health",
      );
      this.emit("addressHealth", change);
    }
    const summary = this.lineHealth.refresh();
    if (!summary) return;
    logHealth(this.log, summary);
    this.emit("health", summary);
  }

  private schedulePoll(delay: number): void {
    this.pollTimer = setTimeout(() => void this.pollRound(), delay);
  }

  private async pollRound(): Promise<void> {
    if (this.config.variant !== "serial" || this.config.mode !== "poll") return;
    for (const address of this.config.addresses) {
      if (!this.running) return;
      if (this.link.health.state === "disconnected") break;
      // A caller already known dead gets one attempt per round, so it does not hold the bus for every retry.
      const retries = this.lineHealth.addresses.get(address)?.state === "silent" ? 0 : undefined;
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
    // While unplugged, rounds continue at a slower pace; the link reconnects underneath.
    const pause = this.link.health.state === "disconnected" ? 200 : (this.config.pollIntervalMs ?? 50);
    if (this.running) this.schedulePoll(pause);
  }
}
