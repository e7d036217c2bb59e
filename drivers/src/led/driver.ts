/**
 * LedStrip: the host end of one RS-485 line of LED window strips (窗口屏). One instance owns the bus: every command
 * goes through one FrameLink queue, so exactly one frame is in flight, whichever address it is for. Each command
 * waits for its 0xA0..0xA3 status reply and is resent (3x by default) on silence or a bad-checksum status.
 * Address 0 broadcasts without waiting: strips never answer a broadcast, to avoid collisions on the bus.
 *
 * The host is the only master on the bus (devices.md §5.2), so a strip that died says nothing until asked: every
 * `pollIntervalMs` each configured address gets a 0x10 status poll (project convention, see codec.ts) in the same
 * queue. Health is kept per address (`addressHealth`) and summarised for the line (`health`): connected when all
 * answer, degraded naming the silent strips, disconnected when none answers or the port is gone.
 *
 *   show/clear/... --\
 *   poll timer ------+--> FrameLink queue --> reply / Timeout --> LineHealth --> "addressHealth", "health"
 *
 * Logs under module "led-strip": line health at info/warn, per-strip changes at debug (the link logs as "frame-link").
 */
import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import type { DeviceHealth } from "../core/health.ts";
import { driverLogger, logHealth } from "../core/logger.ts";
import type { Transport } from "../core/transport.ts";
import { defaultFrameProfile, type Frame, type FrameProfile } from "../frame/codec.ts";
import { profileFraming } from "../frame/framing.ts";
import { LineHealth, type AddressHealth, type AddressHealthChange } from "../frame/lineHealth.ts";
import { FrameLink } from "../frame/link.ts";
import { createTextCodec, type TextCodec } from "../frame/text.ts";
import {
  encodeBrightness,
  encodeClear,
  encodeStatusPoll,
  encodeText,
  LedCommand,
  LedStatus,
  replyStatus,
  type LedTextOptions,
} from "./codec.ts";

export interface LedStripOptions {
  readonly transport: Transport;
  /** Frame profile; it must have ADDR and CMD. Default AA..55 xor8, GB18030. */
  readonly profile?: FrameProfile;
  /** Address used when a call names none; default 1. */
  readonly defaultAddress?: number;
  /** Strip addresses on this line (1-255), polled in this order; default `[defaultAddress]`. */
  readonly addresses?: readonly number[];
  /** Pause between status poll rounds; 0 turns polling off. Default 1000 ms. */
  readonly pollIntervalMs?: number;
  readonly ackTimeoutMs?: number;
  readonly retries?: number;
  readonly reconnectInitialMs?: number;
  /** Where the strip driver and its link log (modules "led-strip" and "frame-link"); silent when absent. */
  readonly logger?: Logger;
}

/** Where a command goes. */
export interface LedTarget {
  readonly address?: number;
}

/** Events of a LedStrip. */
export interface LedStripEvents {
  /** The line summary changed. */
  health: [DeviceHealth];
  /** One strip started or stopped answering. */
  addressHealth: [AddressHealthChange];
}

const textDefaults: LedTextOptions = { line: 1, effect: "static", speed: 0, colour: "red", fontSize: 16 };

/** Methods reject with DriverError (BadPayload, Timeout, NotAcknowledged, DeviceStatus, Disconnected). */
export class LedStrip extends EventEmitter<LedStripEvents> {
  private readonly link: FrameLink;
  private readonly text: TextCodec;
  private readonly defaultAddress: number;
  private readonly addresses: readonly number[];
  private readonly pollIntervalMs: number;
  private readonly lineHealth: LineHealth;
  private readonly log: Logger;
  private pollTimer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(options: LedStripOptions) {
    super();
    const profile = options.profile ?? defaultFrameProfile;
    if (!profile.hasAddress || !profile.hasCommand)
      throw new DriverError(DriverErrorCode.BadPayload, `LED profile ${profile.name} needs ADDR and CMD fields`);
    this.text = createTextCodec(profile.textEncoding);
    this.defaultAddress = options.defaultAddress ?? 1;
    this.addresses = checkAddresses(options.addresses ?? [this.defaultAddress]);
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.lineHealth = new LineHealth({ addresses: this.addresses, device: "LED strip" });
    this.log = driverLogger(options.logger, { module: "led-strip", device: options.transport.description });
    this.link = new FrameLink({
      transport: options.transport,
      logger: options.logger,
      framing: profileFraming(profile),
      ackTimeoutMs: options.ackTimeoutMs ?? 200,
      retries: options.retries ?? 3,
      reconnectInitialMs: options.reconnectInitialMs ?? 100,
    });
    this.link.on("health", (health) => this.track(this.lineHealth.onPort(health)));
    this.link.on("frame", (frame) => {
      // A late duplicate of a reply already taken still proves the strip is alive.
      if (frame.address !== undefined && frame.address !== 0) this.track([this.lineHealth.onHeard(frame.address)]);
    });
    this.link.on("discarded", () => undefined);
  }

  /** Health of the line: connected when every strip answers, degraded naming silent strips, else disconnected. */
  get health(): DeviceHealth {
    return this.lineHealth.summary;
  }

  /** Health of each strip address (configured ones first, then any address a command went to). */
  get addressHealth(): ReadonlyMap<number, AddressHealth> {
    return this.lineHealth.addresses;
  }

  async open(): Promise<void> {
    await this.link.open();
    this.running = true;
    if (this.pollIntervalMs > 0) this.schedulePoll(0);
  }

  async close(): Promise<void> {
    this.running = false;
    clearTimeout(this.pollTimer);
    await this.link.close();
  }

  /** Show `text` on a line now. */
  show(text: string, options: Partial<LedTextOptions> & LedTarget = {}): Promise<void> {
    const address = options.address ?? this.defaultAddress;
    return this.command(
      encodeText(address, LedCommand.ShowText, { ...textDefaults, ...options }, this.text.encode(text)),
    );
  }

  /** Store the text a line shows when idle. */
  setIdleText(text: string, options: Partial<LedTextOptions> & LedTarget = {}): Promise<void> {
    const address = options.address ?? this.defaultAddress;
    return this.command(
      encodeText(address, LedCommand.SetIdleText, { ...textDefaults, ...options }, this.text.encode(text)),
    );
  }

  /** Clear one line or all lines (default all). */
  clear(options: { line?: number | "all" } & LedTarget = {}): Promise<void> {
    return this.command(encodeClear(options.address ?? this.defaultAddress, options.line ?? "all"));
  }

  /** Set brightness 0-15. */
  brightness(level: number, target: LedTarget = {}): Promise<void> {
    return this.command(encodeBrightness(target.address ?? this.defaultAddress, level));
  }

  private async command(frame: Frame): Promise<void> {
    if (frame.address === 0) {
      await this.link.send(frame);
      return;
    }
    const status = await this.exchange(frame);
    if (status !== LedStatus.Ok)
      throw new DriverError(
        DriverErrorCode.DeviceStatus,
        `LED ${frame.address} refused command 0x${(frame.command ?? 0).toString(16)}`,
        { address: frame.address, status },
      );
  }

  /** One addressed request and its status byte; the outcome is booked against the address either way. */
  private async exchange(frame: Frame, retries?: number): Promise<number | undefined> {
    const address = frame.address ?? this.defaultAddress;
    const command = frame.command ?? 0;
    try {
      const reply = await this.link.request(
        frame,
        (f) => {
          if (f.address !== address) return "ignore";
          const status = replyStatus(f, command);
          if (status === undefined) return "ignore";
          return status === LedStatus.BadChecksum ? "retry" : "ok";
        },
        `LED strip ${address} reply`,
        retries === undefined ? {} : { retries },
      );
      this.track([this.lineHealth.onExchange(address)]);
      return replyStatus(reply, command);
    } catch (error) {
      this.track([this.lineHealth.onExchange(address, error)]);
      throw error;
    }
  }

  private schedulePoll(delay: number): void {
    this.pollTimer = setTimeout(() => void this.pollRound(), delay);
  }

  private async pollRound(): Promise<void> {
    for (const address of this.addresses) {
      if (!this.running || this.link.health.state !== "connected") break;
      // A strip already known dead gets one attempt per round, so it does not hold the bus for 4 timeouts each time.
      const retries = this.lineHealth.addresses.get(address)?.state === "silent" ? 0 : undefined;
      await this.exchange(encodeStatusPoll(address), retries).catch(() => undefined);
    }
    if (this.running) this.schedulePoll(this.pollIntervalMs);
  }

  private track(changes: readonly (AddressHealthChange | undefined)[]): void {
    for (const change of changes) {
      if (!change) continue;
      // Debug only: a strip going silent also changes the line summary, which is logged at warn below.
      this.log.debug({ bus: change.address, state: change.health.state, reason: change.health.reason }, "strip health");
      this.emit("addressHealth", change);
    }
    const summary = this.lineHealth.refresh();
    if (!summary) return;
    logHealth(this.log, summary);
    this.emit("health", summary);
  }
}

/** Bus addresses must be 1-255 (0 is broadcast) and distinct. */
function checkAddresses(addresses: readonly number[]): readonly number[] {
  const bad = addresses.filter((a) => !Number.isInteger(a) || a < 1 || a > 255);
  if (addresses.length === 0 || bad.length > 0 || new Set(addresses).size !== addresses.length)
    throw new DriverError(
      DriverErrorCode.BadPayload,
      `LED addresses must be distinct integers 1-255, got [${addresses.join(", ")}]`,
    );
  return [...addresses];
}
