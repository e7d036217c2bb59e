/**
 * LedStrip: the host end of one RS-485 line of LED window strips (窗口屏). One instance owns the bus: every command
 * goes through one FrameLink queue, so exactly one frame is in flight, whichever address it is for. Each command
 * waits for its 0xA0..0xA3 status reply and is resent (3x by default) on silence or a bad-checksum status.
 * Address 0 broadcasts without waiting: strips never answer a broadcast, to avoid collisions on the bus.
 */
import { EventEmitter } from "node:events";
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import type { DeviceHealth } from "../core/health.ts";
import type { Transport } from "../core/transport.ts";
import { defaultFrameProfile, type Frame, type FrameProfile } from "../frame/codec.ts";
import { profileFraming } from "../frame/framing.ts";
import { FrameLink } from "../frame/link.ts";
import { createTextCodec, type TextCodec } from "../frame/text.ts";
import {
  encodeBrightness,
  encodeClear,
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
  readonly ackTimeoutMs?: number;
  readonly retries?: number;
  readonly reconnectInitialMs?: number;
}

/** Where a command goes. */
export interface LedTarget {
  readonly address?: number;
}

const textDefaults: LedTextOptions = { line: 1, effect: "static", speed: 0, colour: "red", fontSize: 16 };

/** Events: "health" (DeviceHealth). Methods reject with DriverError (BadPayload, Timeout, NotAcknowledged, DeviceStatus, Disconnected). */
export class LedStrip extends EventEmitter {
  private readonly link: FrameLink;
  private readonly text: TextCodec;
  private readonly defaultAddress: number;

  constructor(options: LedStripOptions) {
    super();
    const profile = options.profile ?? defaultFrameProfile;
    if (!profile.hasAddress || !profile.hasCommand)
      throw new DriverError(DriverErrorCode.BadPayload, `LED profile ${profile.name} needs ADDR and CMD fields`);
    this.text = createTextCodec(profile.textEncoding);
    this.defaultAddress = options.defaultAddress ?? 1;
    this.link = new FrameLink({
      transport: options.transport,
      framing: profileFraming(profile),
      ackTimeoutMs: options.ackTimeoutMs ?? 200,
      retries: options.retries ?? 3,
      reconnectInitialMs: options.reconnectInitialMs ?? 100,
    });
    this.link.on("health", (health: DeviceHealth) => this.emit("health", health));
    this.link.on("frame", () => undefined); // late duplicates of replies already taken
    this.link.on("discarded", () => undefined);
  }

  get health(): DeviceHealth {
    return this.link.health;
  }

  open(): Promise<void> {
    return this.link.open();
  }

  close(): Promise<void> {
    return this.link.close();
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
    const command = frame.command ?? 0;
    const reply = await this.link.request(
      frame,
      (f) => {
        if (f.address !== frame.address) return "ignore";
        const status = replyStatus(f, command);
        if (status === undefined) return "ignore";
        return status === LedStatus.BadChecksum ? "retry" : "ok";
      },
      `LED ${frame.address} reply`,
    );
    const status = replyStatus(reply, command);
    if (status !== LedStatus.Ok)
      throw new DriverError(
        DriverErrorCode.DeviceStatus,
        `LED ${frame.address} refused command 0x${command.toString(16)}`,
        {
          address: frame.address,
          status,
        },
      );
  }
}
