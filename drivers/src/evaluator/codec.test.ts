import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeFrame, defaultFrameProfile, encodeFrame, maxFrameSize, type Frame } from "../frame/codec.ts";
import { encodeHidReport, hidReportFraming } from "../frame/hidReport.ts";
import { FrameParser } from "../frame/parser.ts";
import { feedInCuts, interleave } from "../frame/streamFuzz.ts";
import { fuzzRuns } from "../core/fuzzRuns.ts";
import { createTextCodec } from "../frame/text.ts";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";
import {
  decodeEvaluatorMessage,
  encodePlayVoice,
  encodePoll,
  encodeRequestEvaluation,
  encodeResult,
  EvaluatorReply,
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

describe("evaluator messages, fuzzed", () => {
  type Message = NonNullable<ReturnType<typeof decodeEvaluatorMessage>>;
  const message: fc.Arbitrary<Message> = fc.oneof(
    fc.constant({ type: "request-ack" } as const),
    fc.integer({ min: 0, max: 255 }).map((key) => ({ type: "result", key }) as const),
    fc.constant({ type: "voice-ack" } as const),
    fc.boolean().map((rating) => ({ type: "status", rating }) as const),
  );
  /** The unit side of each message, at `address` (undefined for HID). */
  const toFrame = (m: Message, address: number | undefined): Frame => {
    const at = (command: number, data: Uint8Array): Frame =>
      address === undefined ? { command, data } : { address, command, data };
    switch (m.type) {
      case "request-ack":
        return encodeResult(address);
      case "result":
        return encodeResult(address, m.key);
      case "voice-ack":
        return at(EvaluatorReply.VoiceAck, new Uint8Array(0));
      case "status":
        return at(EvaluatorReply.Status, Uint8Array.of(m.rating ? 1 : 0));
    }
  };
  const noHeaderNoise = fc.uint8Array({ maxLength: 30 }).map((g) => g.filter((b) => b !== 0xaa));

  it(`property: any frame decodes without throwing, and only 0x81 / 0x82 / 0x90 become messages (${fuzzRuns} runs)`, () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 300 }), (command, data) => {
        const decoded = decodeEvaluatorMessage({ address: 1, command, data });
        const known: number[] = Object.values(EvaluatorReply);
        if (!known.includes(command)) expect(decoded).toBeUndefined();
        if (decoded?.type === "result") expect(data).toEqual(Uint8Array.of(decoded.key));
      }),
      { numRuns: fuzzRuns },
    );
  });

  it(`property: unit replies amid line noise, split at random, all come back in order and the noise is dropped (${fuzzRuns} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(noHeaderNoise, message), { minLength: 1, maxLength: 8 }),
        noHeaderNoise,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        (pairs, tail, cuts) => {
          const wire = pairs.map(([, m]) => encodeFrame(defaultFrameProfile, toFrame(m, 1)));
          const noise = pairs.map(([n]) => n);
          const result = feedInCuts(new FrameParser(defaultFrameProfile), [...interleave(noise, wire), tail], cuts);
          expect(result.frames.map(decodeEvaluatorMessage)).toEqual(pairs.map(([, m]) => m));
          expect(result.discarded).toBe(noise.reduce((n, g) => n + g.length, tail.length));
          expect(result.maxBuffered).toBeLessThan(maxFrameSize(defaultFrameProfile));
          expect(result.bufferedAtEnd).toBe(0);
        },
      ),
      { numRuns: fuzzRuns },
    );
  });

  it(`property: over vendor HID, malformed reports are dropped and the replies between them decode in order (${fuzzRuns} runs)`, () => {
    // LEN 0xFF never fits an 8-byte report: a report the host must throw away.
    const badReport = fc
      .uint8Array({ minLength: 8, maxLength: 8 })
      .map((r) => Uint8Array.of(r[0] ?? 0, 0xff, ...r.subarray(2)));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.array(badReport, { maxLength: 2 }), message), { maxLength: 8 }), (pairs) => {
        const reports = pairs.flatMap(([bad, m]) => [...bad, encodeHidReport(toFrame(m, undefined))]);
        // node-hid hands over one whole report per chunk, so reports are pushed whole, never cut.
        const framer = hidReportFraming(8).createFramer();
        const decoded = reports.flatMap((r) => framer.push(r)).flatMap((e) => (e.kind === "frame" ? [e.frame] : []));
        expect(decoded.map(decodeEvaluatorMessage)).toEqual(pairs.map(([, m]) => m));
      }),
      { numRuns: fuzzRuns },
    );
  });
});
