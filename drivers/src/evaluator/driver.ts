/**
 * EvaluationKeypad (评价器): one abstract rating flow over three kinds of unit (devices.md §5.1):
 * - "serial": USB-serial/RS-485 unit speaking the keypad frame (`FrameProfile`, default AA..55, xor8);
 * - "hid": vendor-HID unit with 8-byte reports `CMD LEN DATA` (through a HidTransport);
 * - "keyboard": keyboard-emulation unit whose keys the host UI / evdev layer feeds in with `pressKey()`.
 *
 * `requestRating()` arms the keypad; the first mapped key resolves it as `rated` (and emits "rated"), the device's
 * own timeout (key 0) or the host deadline resolves it as `timeout`. A key with nothing armed is an "unsolicited"
 * event, never a rating.
 *
 * Logs under module "evaluation-keypad": the unit's health at info/warn, discarded keys and frames at debug (the
 * link logs as "frame-link"). Ratings are not logged: they are the citizen's, and routine.
 */
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import { healthy, type DeviceHealth } from "../core/health.ts";
import { driverLogger, logHealth } from "../core/logger.ts";
import type { DeviceDriver } from "../core/deviceDriver.ts";
import { defaultFrameProfile, type Frame, type FrameProfile } from "../frame/codec.ts";
import { profileFraming, type Framing } from "../frame/framing.ts";
import { hidReportFraming } from "../frame/hidReport.ts";
import { LineHealth } from "../frame/lineHealth.ts";
import { FrameLink, type ReplyVerdict } from "../frame/link.ts";
import type { PolledLineLinkOptions } from "../frame/polledLine.ts";
import { createTextCodec, type TextCodec } from "../frame/text.ts";
import {
  decodeEvaluatorMessage,
  encodePlayVoice,
  encodePoll,
  encodeRequestEvaluation,
  fourKeyProfile,
  functionKeyProfile,
  levelNames,
  type KeyProfile,
  type SatisfactionLevel,
  type VoicePrompt,
} from "./codec.ts";

/** How a rating request ended. */
export type RatingOutcome =
  | { readonly kind: "rated"; readonly level: SatisfactionLevel; readonly label: string; readonly key: string }
  | { readonly kind: "timeout" };

/** A settled rating: the citizen pressed a mapped key while a request was armed. */
export type Rating = Extract<RatingOutcome, { kind: "rated" }>;

/** A mapped key pressed with no rating armed. */
export interface UnsolicitedKey {
  readonly key: string;
  readonly level: SatisfactionLevel;
}

export interface RatingRequest {
  /** Seconds the citizen has, 1-255. */
  readonly timeoutSec: number;
  /** Shown/spoken by units that support it (serial only; HID reports are too small). */
  readonly staffName?: string;
}

interface CommonConfig {
  /** Key -> level map; defaults: 4-key for serial/HID, F9-F12 for keyboard. */
  readonly keys?: KeyProfile;
  /** Extra time after `timeoutSec` before the host gives up on a silent device; default 1000 ms. */
  readonly graceMs?: number;
  /** Where the driver and its link log (modules "evaluation-keypad" and "frame-link"); silent when absent. */
  readonly logger?: Logger;
}

/** Link settings shared by the framed (serial, HID) variants: those of every line (polledLine.ts), and a heartbeat. */
export interface FramedConfig extends CommonConfig, PolledLineLinkOptions {
  /** Heartbeat poll (0x10) period; 0 = off. Default 5000 ms. */
  readonly heartbeatMs?: number;
}

/** Configuration for `EvaluationKeypad.create`. */
export type EvaluationKeypadConfig =
  | ({ readonly variant: "serial"; readonly address?: number; readonly profile?: FrameProfile } & FramedConfig)
  | ({ readonly variant: "hid"; readonly reportLength?: number } & FramedConfig)
  | ({ readonly variant: "keyboard" } & CommonConfig);

/** Something the keypad threw away: a key outside the profile, or a frame that is no evaluator message. */
export type DiscardedInput =
  { readonly key: string; readonly reason: string } | { readonly frame: Frame; readonly reason: string };

/** Events of an EvaluationKeypad. */
export interface EvaluationKeypadEvents {
  /** A rating request settled with a rating (also the resolved value of `requestRating()`). */
  rated: [Rating];
  unsolicited: [UnsolicitedKey];
  discarded: [DiscardedInput];
  /** The unit's health changed (framed variants; a keyboard unit has no link to watch). */
  health: [DeviceHealth];
}

/** One rating flow over any kind of unit; see EvaluationKeypadEvents. */
export abstract class EvaluationKeypad extends EventEmitter<EvaluationKeypadEvents> implements DeviceDriver {
  private armed: { resolve: (outcome: RatingOutcome) => void; timer: NodeJS.Timeout } | undefined;

  protected constructor(
    protected readonly keys: KeyProfile,
    private readonly graceMs: number,
    protected readonly log: Logger,
  ) {
    super();
  }

  /** Build the driver for a unit kind; the keyboard variant comes back typed so callers can `pressKey`. */
  static create(config: Extract<EvaluationKeypadConfig, { variant: "keyboard" }>): KeyboardEvaluationKeypad;
  static create(config: EvaluationKeypadConfig): EvaluationKeypad;
  static create(config: EvaluationKeypadConfig): EvaluationKeypad {
    switch (config.variant) {
      case "serial": {
        const profile = config.profile ?? defaultFrameProfile;
        return new FramedEvaluationKeypad(config, {
          framing: profileFraming(profile),
          address: profile.hasAddress ? (config.address ?? 1) : undefined,
          text: createTextCodec(profile.textEncoding),
          sendsName: true,
        });
      }
      case "hid":
        return new FramedEvaluationKeypad(config, {
          framing: hidReportFraming(config.reportLength ?? 8),
          address: undefined,
          text: createTextCodec("gb18030"),
          sendsName: false,
        });
      case "keyboard":
        return new KeyboardEvaluationKeypad(config.keys ?? functionKeyProfile, config.graceMs ?? 1000, config.logger);
    }
  }

  abstract open(): Promise<void>;
  abstract close(): Promise<void>;
  abstract get health(): DeviceHealth;
  /** Ask the unit to speak a prompt; units without voice resolve without doing anything. */
  abstract playVoice(prompt: VoicePrompt): Promise<void>;
  /** Tell the unit to start prompting; rejects with a DriverError when the unit does not acknowledge. */
  protected abstract prompt(request: RatingRequest): Promise<void>;

  /** Whether a rating request is armed. */
  get rating(): boolean {
    return this.armed !== undefined;
  }

  /**
   * Arm the keypad and resolve with the citizen's rating or a timeout. Rejects with DriverError(Busy) while another
   * request is armed, BadPayload for a bad timeout, and the link's error when the unit never acknowledged.
   */
  async requestRating(request: RatingRequest): Promise<RatingOutcome> {
    if (this.armed) throw new DriverError(DriverErrorCode.Busy, "a rating request is already armed");
    if (!Number.isInteger(request.timeoutSec) || request.timeoutSec < 1 || request.timeoutSec > 255)
      throw new DriverError(DriverErrorCode.BadPayload, `timeoutSec must be 1-255, got ${request.timeoutSec}`);
    const outcome = new Promise<RatingOutcome>((resolve) => {
      // Armed before the prompt goes out: a fast unit may answer in the same chunk as its acknowledgement.
      const timer = setTimeout(() => this.settle({ kind: "timeout" }), request.timeoutSec * 1000 + this.graceMs);
      this.armed = { resolve, timer };
    });
    try {
      await this.prompt(request);
    } catch (error) {
      this.disarm();
      throw error;
    }
    return outcome;
  }

  /** Abandon an armed request (resolves it as `timeout`), e.g. when staff move on. */
  cancelRating(): void {
    this.settle({ kind: "timeout" });
  }

  /** A key arrived from the unit (key names: decimal index for serial/HID, key name for keyboards). */
  protected onKey(key: string): void {
    const level = this.keys.keys.get(key);
    if (level === undefined) {
      this.log.debug({ key, profile: this.keys.name }, "key not in profile; discarded");
      this.emit("discarded", { key, reason: `key not in profile ${this.keys.name}` });
      return;
    }
    if (!this.armed) {
      this.emit("unsolicited", { key, level });
      return;
    }
    const rating: Rating = { kind: "rated", level, label: levelNames[level], key };
    this.settle(rating);
    this.emit("rated", rating);
  }

  /** The unit reported that its own prompt timed out. */
  protected onDeviceTimeout(): void {
    this.settle({ kind: "timeout" });
  }

  /** Stop any armed request as a timeout (used on close). */
  protected disarm(): void {
    if (!this.armed) return;
    clearTimeout(this.armed.timer);
    this.armed = undefined;
  }

  private settle(outcome: RatingOutcome): void {
    const armed = this.armed;
    if (!armed) return;
    this.disarm();
    armed.resolve(outcome);
  }
}

/** Serial and vendor-HID units: the same messages over a FrameLink, differing only in framing and addressing. */
class FramedEvaluationKeypad extends EvaluationKeypad {
  private readonly link: FrameLink;
  // One unit per link. Its silence leaves the port usable, so it reads "degraded", not "disconnected".
  private readonly unit: number;
  private readonly lineHealth: LineHealth;
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = true;

  constructor(
    private readonly config: FramedConfig,
    private readonly wire: {
      framing: Framing;
      address: number | undefined;
      text: TextCodec;
      sendsName: boolean;
    },
  ) {
    super(
      config.keys ?? fourKeyProfile,
      config.graceMs ?? 1000,
      driverLogger(config.logger, { module: "evaluation-keypad", device: config.transport.description }),
    );
    this.link = new FrameLink({ ...config, framing: wire.framing });
    this.unit = wire.address ?? 1;
    this.lineHealth = new LineHealth({
      addresses: [this.unit],
      device: "evaluation keypad",
      noneAnswering: "degraded",
    });
    this.link.on("health", (health) => {
      this.lineHealth.onPort(health);
      this.refreshHealth();
    });
    this.link.on("discarded", () => undefined);
    this.link.on("frame", (frame) => {
      const message = decodeEvaluatorMessage(frame);
      if (wire.address !== undefined && frame.address !== wire.address) return; // another unit on the bus
      this.lineHealth.onHeard(this.unit);
      this.refreshHealth();
      if (message?.type === "result") {
        if (message.key === 0) this.onDeviceTimeout();
        else this.onKey(String(message.key));
      } else if (!message) {
        this.log.debug({ command: frame.command, count: frame.data.length }, "not an evaluator message; discarded");
        this.emit("discarded", { frame, reason: "not an evaluator message" });
      }
    });
  }

  get health(): DeviceHealth {
    return this.lineHealth.summary;
  }

  async open(): Promise<void> {
    await this.link.open();
    this.closed = false;
    this.scheduleHeartbeat();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.heartbeat);
    this.cancelRating();
    await this.link.close();
  }

  async playVoice(prompt: VoicePrompt): Promise<void> {
    await this.request(encodePlayVoice(this.wire.address, prompt), (f) => this.judge(f, "voice-ack"), "voice ack");
  }

  protected async prompt(request: RatingRequest): Promise<void> {
    const frame = encodeRequestEvaluation(
      this.wire.address,
      this.wire.sendsName ? request : { timeoutSec: request.timeoutSec },
      this.wire.text,
    );
    await this.request(frame, (f) => this.judge(f, "request-ack"), "rating request ack");
  }

  /** A request whose outcome (answered or silent) is booked in the unit's health. */
  private async request(frame: Frame, judge: (reply: Frame) => ReplyVerdict, what: string): Promise<Frame> {
    try {
      const reply = await this.link.request(frame, judge, what);
      this.lineHealth.onExchange(this.unit);
      return reply;
    } catch (error) {
      this.lineHealth.onExchange(this.unit, error);
      throw error;
    } finally {
      this.refreshHealth();
    }
  }

  private refreshHealth(): void {
    const summary = this.lineHealth.refresh();
    if (!summary) return;
    logHealth(this.log, summary);
    this.emit("health", summary);
  }

  private judge(frame: Frame, want: string): "ok" | "ignore" {
    if (this.wire.address !== undefined && frame.address !== this.wire.address) return "ignore";
    return decodeEvaluatorMessage(frame)?.type === want ? "ok" : "ignore";
  }

  private scheduleHeartbeat(): void {
    const period = this.config.heartbeatMs ?? 5000;
    if (period <= 0 || this.closed) return;
    this.heartbeat = setTimeout(() => {
      // A failed poll already shows in health (degraded / disconnected); the next beat tries again.
      this.request(encodePoll(this.wire.address), (f) => this.judge(f, "status"), "heartbeat")
        .catch(() => undefined)
        .finally(() => this.scheduleHeartbeat());
    }, period);
  }
}

/** Keyboard-emulation units: keys arrive from the UI or evdev layer through `pressKey`. */
export class KeyboardEvaluationKeypad extends EvaluationKeypad {
  private readonly since = Date.now();

  constructor(keys: KeyProfile, graceMs: number, logger?: Logger) {
    super(keys, graceMs, driverLogger(logger, { module: "evaluation-keypad", device: "keyboard" }));
  }

  get health(): DeviceHealth {
    // The OS owns a keyboard (devices.md §4.2); there is no link to watch.
    return healthy(this.since);
  }

  open(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.cancelRating();
    return Promise.resolve();
  }

  playVoice(): Promise<void> {
    return Promise.resolve();
  }

  /** Feed one key name (e.g. "F9", "1") as the host saw it. */
  pressKey(key: string): void {
    this.onKey(key);
  }

  protected prompt(): Promise<void> {
    return Promise.resolve();
  }
}
