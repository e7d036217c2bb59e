/**
 * 呼叫器 messages over the keypad frame (devices.md §5.2): key events 0x90 `[key, arg…]` (pushed on RS-232, or the
 * answer to a 0x10 poll on RS-485 where `[0x00]` means no key), and 0x11 show text, answered 0x91 `[status]`.
 */
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import type { Frame } from "../frame/codec.ts";

/** Host -> caller command bytes. */
export const CallerCommand = { Poll: 0x10, ShowText: 0x11 } as const;
/** Caller -> host command bytes. */
export const CallerReply = { KeyEvent: 0x90, ShowAck: 0x91 } as const;

/** Key codes of 0x90. */
export const CallerKey = {
  next: 0x01,
  recall: 0x02,
  pause: 0x03,
  resume: 0x04,
  transfer: 0x05,
  skip: 0x06,
  requestRating: 0x07,
  login: 0x08,
  logout: 0x09,
} as const;

/** What a staff member pressed. */
export type CallerAction =
  | { readonly kind: "next" | "recall" | "pause" | "resume" | "skip" | "requestRating" | "logout" }
  | { readonly kind: "transfer"; readonly targetWindow: number }
  | { readonly kind: "login"; readonly staffId: number };

const simpleKinds = new Map<number, CallerAction["kind"]>(
  Object.entries(CallerKey).map(([kind, code]) => [code, kind as CallerAction["kind"]]),
);

/** Decode 0x90 data: an action, "none" for `[0x00]`, or undefined when malformed (unknown key, missing argument). */
export function decodeKeyData(data: Uint8Array): CallerAction | "none" | undefined {
  const [key, ...args] = data;
  if (key === undefined) return undefined;
  if (key === 0 && args.length === 0) return "none";
  const kind = simpleKinds.get(key);
  if (kind === undefined) return undefined;
  if (kind === "transfer") {
    const [target] = args;
    return args.length === 1 && target !== undefined && target > 0 ? { kind, targetWindow: target } : undefined;
  }
  if (kind === "login") {
    if (args.length !== 4) return undefined;
    const staffId = new DataView(Uint8Array.from(args).buffer).getUint32(0, false);
    return { kind, staffId };
  }
  return args.length === 0 ? { kind } : undefined;
}

/** Caller side: the 0x90 data for `action` (or `[0x00]` for none). */
export function encodeKeyData(action: CallerAction | "none"): Uint8Array {
  if (action === "none") return Uint8Array.of(0);
  const code = CallerKey[action.kind];
  if (action.kind === "transfer") {
    if (!Number.isInteger(action.targetWindow) || action.targetWindow < 1 || action.targetWindow > 255)
      throw new DriverError(DriverErrorCode.BadPayload, `targetWindow must be 1-255, got ${action.targetWindow}`);
    return Uint8Array.of(code, action.targetWindow);
  }
  if (action.kind === "login") {
    if (!Number.isInteger(action.staffId) || action.staffId < 0 || action.staffId > 0xffffffff)
      throw new DriverError(DriverErrorCode.BadPayload, `staffId must fit 4 bytes, got ${action.staffId}`);
    const out = new Uint8Array(5);
    out[0] = code;
    new DataView(out.buffer).setUint32(1, action.staffId, false);
    return out;
  }
  return Uint8Array.of(code);
}

function frame(address: number | undefined, command: number, data: Uint8Array): Frame {
  return address === undefined ? { command, data } : { address, command, data };
}

/** 0x10 poll. */
export const encodeCallerPoll = (address: number | undefined): Frame =>
  frame(address, CallerCommand.Poll, new Uint8Array(0));
/** 0x11 show text (bytes already in the profile's charset). */
export const encodeShowText = (address: number | undefined, text: Uint8Array): Frame =>
  frame(address, CallerCommand.ShowText, text);
/** Caller side: 0x90 key event. */
export const encodeKeyEvent = (address: number | undefined, action: CallerAction | "none"): Frame =>
  frame(address, CallerReply.KeyEvent, encodeKeyData(action));
/** Caller side: 0x91 `[status]` (0 ok). */
export const encodeShowAck = (address: number | undefined, status = 0): Frame =>
  frame(address, CallerReply.ShowAck, Uint8Array.of(status));
