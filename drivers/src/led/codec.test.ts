import { describe, expect, it } from "vitest";
import { decodeFrame, defaultFrameProfile, encodeFrame, type Frame } from "../frame/codec.ts";
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
