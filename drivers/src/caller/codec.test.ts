import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { defaultFrameProfile, encodeFrame, maxFrameSize, type Frame } from "../frame/codec.ts";
import { FrameParser } from "../frame/parser.ts";
import { feedInCuts, interleave } from "../frame/streamFuzz.ts";
import { createTextCodec } from "../frame/text.ts";
import { fuzzRuns } from "../core/fuzzRuns.ts";
import {
  decodeKeyData,
  encodeCallerPoll,
  encodeKeyData,
  encodeKeyEvent,
  encodeShowText,
  type CallerAction,
} from "./codec.ts";

const hex = (s: string): number[] => s.split(" ").map((b) => parseInt(b, 16));
const wire = (frame: Frame): number[] => [...encodeFrame(defaultFrameProfile, frame)];

describe("caller codec golden bytes", () => {
  it("when staff 12345678 logs in at caller 1, then the key event is AA 01 90 05 08 00BC614E 0F 55", () => {
    // 08 login | 00 BC 61 4E = 12345678 big-endian
    expect(wire(encodeKeyEvent(1, { kind: "login", staffId: 12345678 }))).toEqual(
      hex("AA 01 90 05 08 00 BC 61 4E 0F 55"),
    );
    expect(decodeKeyData(Uint8Array.from(hex("08 00 BC 61 4E")))).toEqual({ kind: "login", staffId: 12345678 });
  });

  it("when caller 2 transfers to window 5, then the key event is AA 02 90 02 05 05 90 55", () => {
    expect(wire(encodeKeyEvent(2, { kind: "transfer", targetWindow: 5 }))).toEqual(hex("AA 02 90 02 05 05 90 55"));
  });

  it("when caller 3 is polled and has nothing, then poll and answer are AA 03 10 00 13 55 / AA 03 90 01 00 92 55", () => {
    expect(wire(encodeCallerPoll(3))).toEqual(hex("AA 03 10 00 13 55"));
    expect(wire(encodeKeyEvent(3, "none"))).toEqual(hex("AA 03 90 01 00 92 55"));
    expect(decodeKeyData(Uint8Array.of(0))).toBe("none");
  });

  it("when 'A023 等待12' is shown on caller 1, then the GB18030 frame matches", () => {
    const text = createTextCodec("gb18030").encode("A023 等待12");
    expect(wire(encodeShowText(1, text))).toEqual(hex("AA 01 11 0B 41 30 32 33 20 B5 C8 B4 FD 31 32 7C 55"));
  });

  it("when every simple key is decoded, then it maps to its action kind", () => {
    const kinds = ["next", "recall", "pause", "resume", undefined, "skip", "requestRating", undefined, "logout"];
    kinds.forEach((kind, i) => {
      if (kind) expect(decodeKeyData(Uint8Array.of(i + 1))).toEqual({ kind });
    });
  });

  it("when key data is malformed, then it decodes to undefined", () => {
    for (const data of [[], [0x05], [0x05, 0], [0x08, 1, 2], [0x01, 9], [0x0a], [0, 1]])
      expect(decodeKeyData(Uint8Array.from(data))).toBeUndefined();
  });
});

describe("caller key data, fuzzed", () => {
  const action: fc.Arbitrary<CallerAction | "none"> = fc.oneof(
    fc.constant("none" as const),
    fc.constantFrom("next", "recall", "pause", "resume", "skip", "requestRating", "logout").map((kind) => ({ kind })),
    fc.integer({ min: 1, max: 255 }).map((targetWindow) => ({ kind: "transfer", targetWindow }) as const),
    fc.integer({ min: 0, max: 0xffffffff }).map((staffId) => ({ kind: "login", staffId }) as const),
  );
  const noHeaderNoise = fc.uint8Array({ maxLength: 30 }).map((g) => g.filter((b) => b !== 0xaa));

  it(`property: any key data decodes without throwing, and what it accepts is exactly what the caller would send (${fuzzRuns} runs)`, () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (data) => {
        const decoded = decodeKeyData(data);
        if (decoded !== undefined) expect(encodeKeyData(decoded)).toEqual(data);
      }),
      { numRuns: fuzzRuns },
    );
  });

  it(`property: every key the caller can send decodes back to itself (${fuzzRuns} runs)`, () => {
    fc.assert(
      fc.property(action, (a) => {
        expect(decodeKeyData(encodeKeyData(a))).toEqual(a);
      }),
      { numRuns: fuzzRuns },
    );
  });

  it(`property: key events from several callers amid line noise, split at random, all arrive in order (${fuzzRuns} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(noHeaderNoise, fc.integer({ min: 1, max: 255 }), action), { minLength: 1, maxLength: 8 }),
        noHeaderNoise,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        (events, tail, cuts) => {
          const wire = events.map(([, address, a]) => encodeFrame(defaultFrameProfile, encodeKeyEvent(address, a)));
          const noise = events.map(([n]) => n);
          const result = feedInCuts(new FrameParser(defaultFrameProfile), [...interleave(noise, wire), tail], cuts);
          const seen = result.frames.map((f) => ({ address: f.address, action: decodeKeyData(f.data) }));
          expect(seen).toEqual(events.map(([, address, a]) => ({ address, action: a })));
          expect(result.discarded).toBe(noise.reduce((n, g) => n + g.length, tail.length));
          expect(result.maxBuffered).toBeLessThan(maxFrameSize(defaultFrameProfile));
          expect(result.bufferedAtEnd).toBe(0);
        },
      ),
      { numRuns: fuzzRuns },
    );
  });
});
