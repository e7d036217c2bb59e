/**
 * LED window strip (窗口屏) messages over the keypad frame (devices.md §5.2): show text, clear, brightness,
 * idle text, and the 0xA0..0xA3 status replies. Text bytes come from a TextCodec (GB18030 by default).
 *
 * Project convention beyond §5.2, which has no LED poll: 0x10 status, no data, answered 0x90 `[status]` like the
 * other commands (request | 0x80, 0 = ok). It is the same poll byte the evaluator and caller use, so one RS-485
 * line can be watched the same way whatever hangs on it; the host polls it to notice a dead strip before a
 * command fails.
 */
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import type { Frame } from "../frame/codec.ts";

/** Host -> strip command bytes. */
export const LedCommand = { Status: 0x10, ShowText: 0x20, Clear: 0x21, Brightness: 0x22, SetIdleText: 0x23 } as const;
export type LedCommand = (typeof LedCommand)[keyof typeof LedCommand];

/** Display effects (byte values of §5.2). */
export const LedEffect = { static: 0, scroll: 1, flash: 2 } as const;
export type LedEffect = keyof typeof LedEffect;

/** Colours of a dual-colour strip; §5.2 leaves the values open, these follow the P7 SDK's order [I]. */
export const LedColour = { red: 0, green: 1, yellow: 2 } as const;
export type LedColour = keyof typeof LedColour;

/** Reply status byte. */
export const LedStatus = { Ok: 0, BadChecksum: 1, BadCommand: 2 } as const;

/** Clear-all line value. */
export const ALL_LINES = 0xff;

/** Layout of one text command. */
export interface LedTextOptions {
  /** Line 1-254. */
  readonly line: number;
  readonly effect: LedEffect;
  /** 0-255, device units. */
  readonly speed: number;
  readonly colour: LedColour;
  /** Font height in pixels, e.g. 16, 24, 32. */
  readonly fontSize: number;
}

/** A command as the strip decodes it (virtual device side). */
export type LedRequest =
  | ({ readonly type: "show" | "idle"; readonly text: Uint8Array } & LedTextOptions)
  | { readonly type: "clear"; readonly line: number }
  | { readonly type: "brightness"; readonly level: number }
  | { readonly type: "status" };

function byteIn(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new DriverError(DriverErrorCode.BadPayload, `${what} must be ${min}-${max}, got ${value}`);
  return value;
}

const effectCodes = Object.entries(LedEffect) as [LedEffect, number][];
const colourCodes = Object.entries(LedColour) as [LedColour, number][];

/** 0x20 show text / 0x23 set idle text: `[line, effect, speed, colour, fontSize] + text`. */
export function encodeText(
  address: number,
  command: typeof LedCommand.ShowText | typeof LedCommand.SetIdleText,
  options: LedTextOptions,
  text: Uint8Array,
): Frame {
  const head = Uint8Array.of(
    byteIn(options.line, 1, 254, "line"),
    LedEffect[options.effect],
    byteIn(options.speed, 0, 255, "speed"),
    LedColour[options.colour],
    byteIn(options.fontSize, 1, 255, "fontSize"),
  );
  const data = new Uint8Array(head.length + text.length);
  data.set(head);
  data.set(text, head.length);
  return { address, command, data };
}

/** 0x21 clear `[line | 0xFF all]`. */
export const encodeClear = (address: number, line: number | "all"): Frame => ({
  address,
  command: LedCommand.Clear,
  data: Uint8Array.of(line === "all" ? ALL_LINES : byteIn(line, 1, 254, "line")),
});

/** 0x22 brightness `[0-15]`. */
export const encodeBrightness = (address: number, level: number): Frame => ({
  address,
  command: LedCommand.Brightness,
  data: Uint8Array.of(byteIn(level, 0, 15, "brightness")),
});

/** 0x10 status poll (project convention, see the header). */
export const encodeStatusPoll = (address: number): Frame => ({
  address,
  command: LedCommand.Status,
  data: new Uint8Array(0),
});

/** The status of a reply to `command`, or undefined when `frame` is not that reply. */
export function replyStatus(frame: Frame, command: number): number | undefined {
  if (frame.command !== (command | 0x80) || frame.data.length !== 1) return undefined;
  return frame.data[0];
}

/** Strip side: the reply `[status]` to `command`. */
export const encodeReply = (address: number, command: number, status: number): Frame => ({
  address,
  command: command | 0x80,
  data: Uint8Array.of(status),
});

const isLine = (line: number | undefined): line is number => line !== undefined && line >= 1 && line <= 254;

/**
 * Strip side: decode a host command, or undefined for an unknown or malformed one. Accepts exactly what the
 * encoders produce (line 1-254, font size >= 1, clear-all 0xFF), so a strip never stores a line 0 nobody can clear.
 */
export function decodeLedRequest(frame: Frame): LedRequest | undefined {
  const d = frame.data;
  switch (frame.command) {
    case LedCommand.Status:
      return d.length === 0 ? { type: "status" } : undefined;
    case LedCommand.ShowText:
    case LedCommand.SetIdleText: {
      const [line, effect, speed, colour, fontSize] = d;
      if (!isLine(line) || effect === undefined || speed === undefined || colour === undefined) return undefined;
      if (fontSize === undefined || fontSize === 0) return undefined;
      const effectName = effectCodes.find(([, v]) => v === effect)?.[0];
      const colourName = colourCodes.find(([, v]) => v === colour)?.[0];
      if (!effectName || !colourName) return undefined;
      const type = frame.command === LedCommand.ShowText ? "show" : "idle";
      return { type, line, effect: effectName, speed, colour: colourName, fontSize, text: d.slice(5) };
    }
    case LedCommand.Clear:
      return d.length === 1 && (isLine(d[0]) || d[0] === ALL_LINES) ? { type: "clear", line: d[0] } : undefined;
    case LedCommand.Brightness:
      return d.length === 1 && d[0] !== undefined && d[0] <= 15 ? { type: "brightness", level: d[0] } : undefined;
    default:
      return undefined;
  }
}
