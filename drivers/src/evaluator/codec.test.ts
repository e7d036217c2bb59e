import { describe, expect, it } from "vitest";
import { decodeFrame, defaultFrameProfile, encodeFrame } from "../frame/codec.ts";
import { encodeHidReport } from "../frame/hidReport.ts";
import { createTextCodec } from "../frame/text.ts";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";
import {
  decodeEvaluatorMessage,
  encodePlayVoice,
  encodePoll,
  encodeRequestEvaluation,
  encodeResult,
  parseKeyProfile,
  VoicePrompt,
} from "./codec.ts";

const hex = (s: string): number[] => s.split(" ").map((b) => parseInt(b, 16));
const wire = (frame: Parameters<typeof encodeFrame>[1]): number[] => [...encodeFrame(defaultFrameProfile, frame)];
const gb = createTextCodec("gb18030");

describe("evaluator codec golden bytes", () => {
  it("when a rating is requested for 30 s by 张三 at address 1, then the frame is AA 01 01 05 1E D5C5 C8FD 3E 55", () => {
    expect(wire(encodeRequestEvaluation(1, { timeoutSec: 30, staffName: "张三" }, gb))).toEqual(
      hex("AA 01 01 05 1E D5 C5 C8 FD 3E 55"),
    );
  });

  it("when voice prompt 3 (please evaluate) is played at address 2, then the frame is AA 02 02 01 03 02 55", () => {
    // xor 02^02^01^03 = 02
    expect(wire(encodePlayVoice(2, VoicePrompt.PleaseEvaluate))).toEqual(hex("AA 02 02 01 03 02 55"));
  });

  it("when address 1 is polled, then the frame is AA 01 10 00 11 55", () => {
    expect(wire(encodePoll(1))).toEqual(hex("AA 01 10 00 11 55"));
  });

  it("when the unit acknowledges and then reports key 2, then the frames are AA 01 81 00 80 55 and AA 01 81 01 02 83 55", () => {
    expect(wire(encodeResult(1))).toEqual(hex("AA 01 81 00 80 55"));
    expect(wire(encodeResult(1, 2))).toEqual(hex("AA 01 81 01 02 83 55"));
    expect(
      decodeEvaluatorMessage(decodeFrame(defaultFrameProfile, Uint8Array.from(hex("AA 01 81 01 02 83 55")))),
    ).toEqual({ type: "result", key: 2 });
  });

  it("when a HID rating request is encoded, then the 8-byte report is 01 01 1E 00 00 00 00 00", () => {
    expect([...encodeHidReport(encodeRequestEvaluation(undefined, { timeoutSec: 30 }, gb))]).toEqual(
      hex("01 01 1E 00 00 00 00 00"),
    );
  });

  it("when status, voice-ack and unknown frames are decoded, then each gets its type or undefined", () => {
    expect(decodeEvaluatorMessage({ command: 0x90, data: Uint8Array.of(1) })).toEqual({ type: "status", rating: true });
    expect(decodeEvaluatorMessage({ command: 0x82, data: new Uint8Array(0) })).toEqual({ type: "voice-ack" });
    expect(decodeEvaluatorMessage({ command: 0x81, data: Uint8Array.of(1, 2) })).toBeUndefined();
    expect(decodeEvaluatorMessage({ command: 0x33, data: new Uint8Array(0) })).toBeUndefined();
  });

  it("when the timeout is out of range or a key profile maps to level 6, then a BadPayload error is thrown", () => {
    const bad = [
      () => encodeRequestEvaluation(1, { timeoutSec: 0 }, gb),
      () => encodeRequestEvaluation(1, { timeoutSec: 256 }, gb),
      () => parseKeyProfile({ name: "x", keys: { 1: 6 } }),
      () => parseKeyProfile({ name: "x", keys: {} }),
    ];
    for (const fn of bad) {
      let error: unknown;
      try {
        fn();
      } catch (e) {
        error = e;
      }
      expect(isDriverError(error) && error.code).toBe(DriverErrorCode.BadPayload);
    }
  });
});
