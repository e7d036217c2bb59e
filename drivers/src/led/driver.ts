/**
 * LedStrip: the host end of one RS-485 line of LED window strips (窗口屏). One instance owns the bus: every command
 * goes through one FrameLink queue, so exactly one frame is in flight, whichever address it is for. Each command
 * waits for its 0xA0..0xA3 status reply and is resent (3x by default) on silence or a bad-checksum status.
 * Address 0 broadcasts without waiting: strips never answer a broadcast, to avoid collisions on the bus.
 *
 * The host is the only master on the bus (devices.md §5.2), so a strip that died says nothing until asked: every
 * `pollIntervalMs` each configured address gets a 0x10 status poll (project convention, see codec.ts) in the same
 * queue (frame/polledLine.ts, the base shared with the caller keypad). Health is kept per address (`addressHealth`)
 * and summarised for the line (`health`): connected when all answer, degraded naming the silent strips,
 * disconnected when none answers or the port is gone.
 *
 *   show/clear/... --\
 *   poll timer ------+--> FrameLink queue --> reply / Timeout --> LineHealth --> "addressHealth", "health"
 *
 * Logs under module "led-strip": line health at info/warn, per-strip changes at debug (the link logs as "frame-link").
 */
import type { DeviceDriver } from "../core/deviceDriver.ts";
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import { defaultFrameProfile, type Frame, type FrameProfile } from "../frame/codec.ts";
import { profileFraming } from "../frame/framing.ts";
import { PolledLine, type PolledLineEvents, type PolledLineLinkOptions } from "../frame/polledLine.ts";
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

export interface LedStripOptions extends PolledLineLinkOptions {
  /** Frame profile; it must have ADDR and CMD. Default AA..55 xor8, GB18030. */
  readonly profile?: FrameProfile;
  /** Address used when a call names none; default 1. */
  readonly defaultAddress?: number;
  /** Strip addresses on this line (1-255), polled in this order; default `[defaultAddress]`. */
  readonly addresses?: readonly number[];
  /** Pause between status poll rounds; 0 turns polling off. Default 1000 ms. */
  readonly pollIntervalMs?: number;
}

/** Where a command goes. */
export interface LedTarget {
  readonly address?: number;
}

/** Events of a LedStrip: "health" (the line summary) and "addressHealth" (one strip). */
export type LedStripEvents = PolledLineEvents;

const textDefaults: LedTextOptions = { line: 1, effect: "static", speed: 0, colour: "red", fontSize: 16 };

/** Methods reject with DriverError (BadPayload, Timeout, NotAcknowledged, DeviceStatus, Disconnected). */
export class LedStrip extends PolledLine<LedStripEvents> implements DeviceDriver {
  private readonly text: TextCodec;
  private readonly defaultAddress: number;

  constructor(options: LedStripOptions) {
    const profile = options.profile ?? defaultFrameProfile;
    if (!profile.hasAddress || !profile.hasCommand)
      throw new DriverError(DriverErrorCode.BadPayload, `LED profile ${profile.name} needs ADDR and CMD fields`);
    const defaultAddress = options.defaultAddress ?? 1;
    const addresses = checkAddresses(options.addresses ?? [defaultAddress]);
    super(options, {
      framing: profileFraming(profile),
      module: "led-strip",
      device: "LED strip",
      addresses,
      polled: addresses,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
    });
    this.text = createTextCodec(profile.textEncoding);
    this.defaultAddress = defaultAddress;
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

  protected async pollAddress(address: number, retries: number | undefined): Promise<void> {
    await this.statusOf(encodeStatusPoll(address), retries);
  }

  /** A late duplicate of a reply already taken still proves the strip is alive (booked by the base); nothing else. */
  protected onUnclaimedFrame(): void {}

  private async command(frame: Frame): Promise<void> {
    if (frame.address === 0) {
      await this.link.send(frame);
      return;
    }
    const status = await this.statusOf(frame);
    if (status !== LedStatus.Ok)
      throw new DriverError(
        DriverErrorCode.DeviceStatus,
        `LED ${frame.address} refused command 0x${(frame.command ?? 0).toString(16)}`,
        { address: frame.address, status },
      );
  }

  /** One addressed request and its status byte. */
  private async statusOf(frame: Frame, retries?: number): Promise<number | undefined> {
    const address = frame.address ?? this.defaultAddress;
    const command = frame.command ?? 0;
    const reply = await this.exchange(
      address,
      frame,
      (f) => {
        if (f.address !== address) return "ignore";
        const status = replyStatus(f, command);
        if (status === undefined) return "ignore";
        return status === LedStatus.BadChecksum ? "retry" : "ok";
      },
      `LED strip ${address} reply`,
      retries,
    );
    return replyStatus(reply, command);
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
