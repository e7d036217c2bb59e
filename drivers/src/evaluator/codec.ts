/**
 * 评价器 messages over the keypad frame (devices.md §5.2), and key profiles mapping device keys to the five national
 * rating levels (国办发〔2019〕51号): 5 非常满意, 4 满意, 3 基本满意, 2 不满意, 1 非常不满意.
 *
 * Project convention for replies (the table leaves it open): 0x81 with no data acknowledges a request within 200 ms;
 * 0x81 [key] later carries the result, key 0 = the device timed out; 0x82 acknowledges a voice prompt.
 */
import { z } from "zod";
import { DriverError, DriverErrorCode } from "../core/errors.ts";
import type { Frame } from "../frame/codec.ts";
import type { TextCodec } from "../frame/text.ts";

/** Host -> device command bytes. */
export const EvaluatorCommand = { RequestEvaluation: 0x01, PlayVoice: 0x02, Poll: 0x10 } as const;
/** Device -> host command bytes (request | 0x80). */
export const EvaluatorReply = { Result: 0x81, VoiceAck: 0x82, Status: 0x90 } as const;
/** Voice prompts of command 0x02. */
export const VoicePrompt = { Welcome: 1, Thanks: 2, PleaseEvaluate: 3 } as const;
export type VoicePrompt = (typeof VoicePrompt)[keyof typeof VoicePrompt];

/** A national satisfaction level. */
export type SatisfactionLevel = 1 | 2 | 3 | 4 | 5;
/** Display names of the levels. */
export const levelNames: Readonly<Record<SatisfactionLevel, string>> = {
  5: "非常满意",
  4: "满意",
  3: "基本满意",
  2: "不满意",
  1: "非常不满意",
};

const keyProfileSchema = z.object({
  name: z.string().min(1),
  keys: z
    .record(z.string().min(1), z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]))
    .refine((keys) => Object.keys(keys).length > 0, "a key profile maps at least one key"),
});

/** Maps device key names (serial/HID key index as decimal text, or keyboard key names like "F9") to levels. */
export interface KeyProfile {
  readonly name: string;
  readonly keys: ReadonlyMap<string, SatisfactionLevel>;
}

/** Validate a key profile from config; throws DriverError(BadPayload) naming the bad entries. */
export function parseKeyProfile(input: unknown): KeyProfile {
  const result = keyProfileSchema.safeParse(input);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new DriverError(DriverErrorCode.BadPayload, `invalid key profile: ${detail}`);
  }
  return { name: result.data.name, keys: new Map(Object.entries(result.data.keys)) };
}

/** The common 4-key serial/HID unit of devices.md §5.2: keys 1-4, no 非常不满意. */
export const fourKeyProfile = parseKeyProfile({ name: "four-key", keys: { 1: 5, 2: 4, 3: 3, 4: 2 } });
/** A 5-key unit: key 5 = 非常不满意. */
export const fiveKeyProfile = parseKeyProfile({ name: "five-key", keys: { 1: 5, 2: 4, 3: 3, 4: 2, 5: 1 } });
/** Keyboard-emulation unit sending F9-F12. */
export const functionKeyProfile = parseKeyProfile({ name: "f9-f12", keys: { F9: 5, F10: 4, F11: 3, F12: 2 } });

/** A message from the device. Frames that fit none of these decode to undefined (discarded by the driver). */
export type EvaluatorMessage =
  | { readonly type: "request-ack" }
  | { readonly type: "result"; readonly key: number }
  | { readonly type: "voice-ack" }
  | { readonly type: "status"; readonly rating: boolean };

/** Decode a device frame into a message, or undefined when it is not one of ours. */
export function decodeEvaluatorMessage(frame: Frame): EvaluatorMessage | undefined {
  const [first] = frame.data;
  switch (frame.command) {
    case EvaluatorReply.Result:
      if (frame.data.length === 0) return { type: "request-ack" };
      return frame.data.length === 1 && first !== undefined ? { type: "result", key: first } : undefined;
    case EvaluatorReply.VoiceAck:
      return { type: "voice-ack" };
    case EvaluatorReply.Status:
      return first === undefined ? undefined : { type: "status", rating: first === 1 };
    default:
      return undefined;
  }
}

/** 0x01 request evaluation: `[timeoutSec 1-255]` + the staff name in the profile's charset (optional). */
export function encodeRequestEvaluation(
  address: number | undefined,
  request: { timeoutSec: number; staffName?: string },
  text: TextCodec,
): Frame {
  const { timeoutSec } = request;
  if (!Number.isInteger(timeoutSec) || timeoutSec < 1 || timeoutSec > 255)
    throw new DriverError(DriverErrorCode.BadPayload, `timeoutSec must be 1-255, got ${timeoutSec}`);
  const name = request.staffName ? text.encode(request.staffName) : new Uint8Array(0);
  const data = new Uint8Array(1 + name.length);
  data[0] = timeoutSec;
  data.set(name, 1);
  return withAddress(address, EvaluatorCommand.RequestEvaluation, data);
}

/** 0x02 play voice `[promptId]`. */
export const encodePlayVoice = (address: number | undefined, prompt: VoicePrompt): Frame =>
  withAddress(address, EvaluatorCommand.PlayVoice, Uint8Array.of(prompt));

/** 0x10 poll / heartbeat. */
export const encodePoll = (address: number | undefined): Frame =>
  withAddress(address, EvaluatorCommand.Poll, new Uint8Array(0));

/** Device side: 0x81 result `[key]` (0 = timeout), or the bare acknowledgement when `key` is undefined. */
export const encodeResult = (address: number | undefined, key?: number): Frame =>
  withAddress(address, EvaluatorReply.Result, key === undefined ? new Uint8Array(0) : Uint8Array.of(key));

function withAddress(address: number | undefined, command: number, data: Uint8Array): Frame {
  return address === undefined ? { command, data } : { address, command, data };
}
