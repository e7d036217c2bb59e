import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { decodeFrame, defaultFrameProfile, encodeFrame, maxFrameSize, type Frame } from "../frame/codec.ts";
import { FrameParser } from "../frame/parser.ts";
import { feedInCuts, interleave } from "../frame/streamFuzz.ts";
import { fuzzRuns } from "../core/fuzzRuns.ts";
import { createTextCodec } from "../frame/text.ts";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";
import {
  decodeLedRequest,
  encodeBrightness,
  encodeClear,
  encodeReply,
  encodeStatusPoll,
  encodeText,
  LedCommand,
  replyStatus,
  type LedRequest,
} from "./codec.ts";

const hex = (s: string): number[] => s.split(" ").map((b) => parseInt(b, 16));
const wire = (frame: Frame): number[] => [...encodeFrame(defaultFrameProfile, frame)];
const gb = createTextCodec("gb18030");
const layout = { line: 1, effect: "static", speed: 0, colour: "red", fontSize: 16 } as const;

describe("LED codec golden bytes", () => {
  it("when A023 is shown on line 1 static red 16px at address 1, then the frame matches", () => {
    // AA | 01 | 20 show | 09 len | 01 line 00 static 00 speed 00 red 10 16px | 41 30 32 33 "A023" | 49 xor | 55
    expect(wire(encodeText(1, LedCommand.ShowText, layout, gb.encode("A023")))).toEqual(
      hex("AA 01 20 09 01 00 00 00 10 41 30 32 33 49 55"),
    );
  });

  it("when 请A023到3号窗口 scrolls green 24px on line 2 at address 2, then the GB18030 frame matches", () => {
    const options = { line: 2, effect: "scroll", speed: 5, colour: "green", fontSize: 24 } as const;
    expect(wire(encodeText(2, LedCommand.ShowText, options, gb.encode("请A023到3号窗口")))).toEqual(
      hex("AA 02 20 14 02 01 05 01 18 C7 EB 41 30 32 33 B5 BD 33 BA C5 B4 B0 BF DA 50 55"),
    );
  });

  it("when idle text, clear-all, brightness and an OK reply are encoded, then each matches its golden frame", () => {
    const idle = { line: 1, effect: "flash", speed: 3, colour: "yellow", fontSize: 16 } as const;
    expect(wire(encodeText(1, LedCommand.SetIdleText, idle, gb.encode("OK")))).toEqual(
      hex("AA 01 23 07 01 02 03 02 10 4F 4B 33 55"),
    );
    expect(wire(encodeClear(2, "all"))).toEqual(hex("AA 02 21 01 FF DD 55"));
    expect(wire(encodeBrightness(1, 8))).toEqual(hex("AA 01 22 01 08 2A 55"));
    expect(wire(encodeReply(1, LedCommand.ShowText, 0))).toEqual(hex("AA 01 A0 01 00 A0 55"));
  });

  it("when a reply is checked against the wrong command, then it is not taken as the status", () => {
    const reply = decodeFrame(defaultFrameProfile, Uint8Array.from(hex("AA 01 A0 01 00 A0 55")));
    expect(replyStatus(reply, LedCommand.ShowText)).toBe(0);
    expect(replyStatus(reply, LedCommand.Clear)).toBeUndefined();
  });

  it("when out-of-range brightness, line or speed is given, then BadPayload is thrown", () => {
    const bad = [
      () => encodeBrightness(1, 16),
      () => encodeClear(1, 0),
      () => encodeText(1, LedCommand.ShowText, { ...layout, speed: 300 }, new Uint8Array(0)),
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

  it("when strip 2 is polled for status (project convention), then poll and OK reply are AA 02 10 00 12 55 / AA 02 90 01 00 93 55", () => {
    expect(wire(encodeStatusPoll(2))).toEqual(hex("AA 02 10 00 12 55"));
    expect(wire(encodeReply(2, LedCommand.Status, 0))).toEqual(hex("AA 02 90 01 00 93 55"));
    expect(decodeLedRequest(encodeStatusPoll(2))).toEqual({ type: "status" });
  });

  it("when the strip decodes malformed commands, then they come back undefined", () => {
    expect(decodeLedRequest({ address: 1, command: 0x20, data: Uint8Array.of(1, 9, 0, 0, 16) })).toBeUndefined();
    expect(decodeLedRequest({ address: 1, command: 0x22, data: Uint8Array.of(99) })).toBeUndefined();
    expect(decodeLedRequest({ address: 1, command: 0x7f, data: new Uint8Array(0) })).toBeUndefined();
    expect(decodeLedRequest({ address: 1, command: 0x10, data: Uint8Array.of(0) })).toBeUndefined();
  });

  it("when a command names line 0, line 255 for text, or font size 0, then the strip refuses it as the encoder would", () => {
    expect(decodeLedRequest({ address: 1, command: 0x20, data: Uint8Array.of(0, 0, 0, 0, 16) })).toBeUndefined();
    expect(decodeLedRequest({ address: 1, command: 0x23, data: Uint8Array.of(255, 0, 0, 0, 16) })).toBeUndefined();
    expect(decodeLedRequest({ address: 1, command: 0x20, data: Uint8Array.of(1, 0, 0, 0, 0) })).toBeUndefined();
    expect(decodeLedRequest({ address: 1, command: 0x21, data: Uint8Array.of(0) })).toBeUndefined();
    expect(decodeLedRequest({ address: 1, command: 0x21, data: Uint8Array.of(255) })).toEqual({
      type: "clear",
      line: 255,
    });
  });
});

describe("LED requests, fuzzed", () => {
  const layoutArb = fc.record({
    line: fc.integer({ min: 1, max: 254 }),
    effect: fc.constantFrom("static", "scroll", "flash"),
    speed: fc.integer({ min: 0, max: 255 }),
    colour: fc.constantFrom("red", "green", "yellow"),
    fontSize: fc.integer({ min: 1, max: 255 }),
  });
  const request: fc.Arbitrary<LedRequest> = fc.oneof(
    fc
      .tuple(fc.constantFrom("show", "idle"), layoutArb, fc.uint8Array({ maxLength: 40 }))
      .map(([type, layout, text]) => ({ type, ...layout, text }) as const),
    fc.oneof(fc.integer({ min: 1, max: 254 }), fc.constant(0xff)).map((line) => ({ type: "clear", line }) as const),
    fc.integer({ min: 0, max: 15 }).map((level) => ({ type: "brightness", level }) as const),
    fc.constant({ type: "status" } as const),
  );
  /** The host side of a request: what LedStrip sends for it. */
  const toFrame = (address: number, r: LedRequest): Frame => {
    switch (r.type) {
      case "show":
      case "idle": {
        const { type, text, ...layout } = r;
        return encodeText(address, type === "show" ? LedCommand.ShowText : LedCommand.SetIdleText, layout, text);
      }
      case "clear":
        return encodeClear(address, r.line === 0xff ? "all" : r.line);
      case "brightness":
        return encodeBrightness(address, r.level);
      case "status":
        return encodeStatusPoll(address);
    }
  };
  const noHeaderNoise = fc.uint8Array({ maxLength: 30 }).map((g) => g.filter((b) => b !== 0xaa));

  it(`property: any command decodes without throwing, and what the strip accepts is exactly what the host would send (${fuzzRuns} runs)`, () => {
    const command = fc.oneof(fc.constantFrom(0x10, 0x20, 0x21, 0x22, 0x23), fc.integer({ min: 0, max: 255 }));
    // Mostly small bytes in front, so effect and colour codes are often valid and the text path is reached.
    const data = fc.oneof(
      fc.uint8Array({ maxLength: 60 }),
      fc
        .tuple(fc.uint8Array({ minLength: 5, maxLength: 5, max: 3 }), fc.uint8Array({ maxLength: 20 }))
        .map(([head, text]) => Uint8Array.from([...head, ...text])),
    );
    fc.assert(
      fc.property(command, data, (cmd, bytes) => {
        const decoded = decodeLedRequest({ address: 3, command: cmd, data: bytes });
        if (decoded !== undefined) expect(toFrame(3, decoded)).toEqual({ address: 3, command: cmd, data: bytes });
      }),
      { numRuns: fuzzRuns },
    );
  });

  it(`property: host commands to several strips amid line noise, split at random, all decode in order (${fuzzRuns} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(noHeaderNoise, fc.integer({ min: 1, max: 255 }), request), { minLength: 1, maxLength: 8 }),
        noHeaderNoise,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }),
        (commands, tail, cuts) => {
          const wire = commands.map(([, address, r]) => encodeFrame(defaultFrameProfile, toFrame(address, r)));
          const noise = commands.map(([n]) => n);
          const result = feedInCuts(new FrameParser(defaultFrameProfile), [...interleave(noise, wire), tail], cuts);
          const seen = result.frames.map((f) => ({ address: f.address, request: decodeLedRequest(f) }));
          expect(seen).toEqual(commands.map(([, address, request]) => ({ address, request })));
          expect(result.discarded).toBe(noise.reduce((n, g) => n + g.length, tail.length));
          expect(result.maxBuffered).toBeLessThan(maxFrameSize(defaultFrameProfile));
          expect(result.bufferedAtEnd).toBe(0);
        },
      ),
      { numRuns: fuzzRuns },
    );
  });
});
