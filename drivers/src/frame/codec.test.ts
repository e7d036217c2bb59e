import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  crc16Modbus,
  decodeFrame,
  defaultFrameProfile,
  encodeFrame,
  p7LedProfile,
  parseFrameProfile,
  type Frame,
  type FrameProfile,
} from "./codec.ts";
import { fuzzRuns } from "../core/fuzzRuns.ts";
import { createTextCodec } from "./text.ts";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";

const hex = (s: string): Uint8Array => Uint8Array.from(s.split(" ").map((b) => parseInt(b, 16)));
const gb = createTextCodec("gb18030");

function codeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    return isDriverError(error) ? error.code : -1;
  }
  return undefined;
}

describe("frame codec, default profile AA ADDR CMD LEN DATA CHK 55", () => {
  it("when a poll is encoded, then the bytes are AA 01 10 00 11 55 (xor8 over ADDR..DATA)", () => {
    expect(encodeFrame(defaultFrameProfile, { address: 1, command: 0x10, data: new Uint8Array(0) })).toEqual(
      hex("AA 01 10 00 11 55"),
    );
  });

  it("when a rating request with a GB18030 name is encoded, then the golden bytes come out and decode back", () => {
    // AA | 01 addr | 01 request evaluation | 05 len | 1E = 30 s | D5C5 C8FD = 张三 | 3E xor | 55
    const golden = hex("AA 01 01 05 1E D5 C5 C8 FD 3E 55");
    const data = Uint8Array.of(30, ...gb.encode("张三"));
    expect(encodeFrame(defaultFrameProfile, { address: 1, command: 1, data })).toEqual(golden);
    expect(decodeFrame(defaultFrameProfile, golden)).toEqual({ address: 1, command: 1, data });
  });

  it("when one byte is corrupted, then decode throws BadChecksum", () => {
    expect(codeOf(() => decodeFrame(defaultFrameProfile, hex("AA 01 01 05 1F D5 C5 C8 FD 3E 55")))).toBe(
      DriverErrorCode.BadChecksum,
    );
  });

  it("when the trailer or the length is wrong, then decode throws a typed error", () => {
    expect(codeOf(() => decodeFrame(defaultFrameProfile, hex("AA 01 10 00 11 56")))).toBe(DriverErrorCode.BadPayload);
    expect(codeOf(() => decodeFrame(defaultFrameProfile, hex("AA 01 10 01 11 55")))).toBe(DriverErrorCode.BadLength);
  });

  it("when the address is missing or data is too long, then encode throws a typed error", () => {
    expect(codeOf(() => encodeFrame(defaultFrameProfile, { command: 1, data: new Uint8Array(0) }))).toBe(
      DriverErrorCode.BadPayload,
    );
    expect(codeOf(() => encodeFrame(defaultFrameProfile, { address: 1, command: 1, data: new Uint8Array(256) }))).toBe(
      DriverErrorCode.Oversize,
    );
  });
});

describe("frame codec, other profiles", () => {
  it("when the P7 LED profile encodes line 1 scroll speed 10 green 窗口1, then it matches the SDK's sum8 frame", () => {
    // F0 01 D0 header | 01 line | 02 scroll-left | 0A speed | 06 len = text+1 | 01 green | B4B0 BFDA 31 = 窗口1 (GB2312) | 03 sum8
    const golden = hex("F0 01 D0 01 02 0A 06 01 B4 B0 BF DA 31 03");
    const text = createTextCodec("gb2312").encode("窗口1");
    const frame = { fields: Uint8Array.of(1, 2, 10), data: Uint8Array.of(1, ...text) };
    expect(encodeFrame(p7LedProfile, frame)).toEqual(golden);
    expect(decodeFrame(p7LedProfile, golden)).toEqual(frame);
  });

  it("when crc16-modbus is used, then the CRC is the Modbus reference value written low byte first", () => {
    expect(crc16Modbus(hex("01 03 00 00 00 01"))).toBe(0x0a84);
    const profile = parseFrameProfile({
      name: "crc",
      header: [0xaa],
      hasAddress: true,
      hasCommand: true,
      checksum: "crc16-modbus",
      checksumRange: "body",
    });
    const bytes = encodeFrame(profile, { address: 1, command: 3, data: hex("00 00") });
    const crc = crc16Modbus(hex("01 03 02 00 00"));
    expect([...bytes]).toEqual([0xaa, 1, 3, 2, 0, 0, crc & 0xff, crc >>> 8]);
    expect(decodeFrame(profile, bytes).data).toEqual(hex("00 00"));
  });

  it("when a two-byte big-endian LEN is configured, then LEN is written high byte first", () => {
    const profile: FrameProfile = parseFrameProfile({
      name: "wide",
      header: [0x3a],
      trailer: [0x0d, 0x0a],
      hasAddress: false,
      hasCommand: true,
      lenBytes: 2,
      lenEndian: "be",
      maxDataLength: 1000,
      checksum: "sum8",
      checksumRange: "all",
    });
    const bytes = encodeFrame(profile, { command: 7, data: new Uint8Array(300) });
    expect([...bytes.subarray(0, 4)]).toEqual([0x3a, 7, 0x01, 0x2c]);
    expect(decodeFrame(profile, bytes).data.length).toBe(300);
  });

  it("when a profile is invalid, then parseFrameProfile names the profile and every bad field", () => {
    let message = "";
    try {
      parseFrameProfile({ name: "bad", header: [], hasAddress: true, hasCommand: true, checksum: "md5" });
    } catch (error) {
      message = error instanceof Error ? error.message : "";
    }
    expect(message).toContain('invalid frame profile "bad"');
    expect(message).toContain("header");
    expect(message).toContain("checksum");
    expect(message).toContain("checksumRange");
  });

  it("when text is outside the charset, then the text codec throws BadPayload instead of printing ?", () => {
    expect(codeOf(() => createTextCodec("ascii").encode("窗口"))).toBe(DriverErrorCode.BadPayload);
    expect(codeOf(() => createTextCodec("gb2312").encode("😀"))).toBe(DriverErrorCode.BadPayload);
    expect(gb.decode(gb.encode("𠀀好"))).toBe("𠀀好");
  });
});

describe("frame codec, fuzzed", () => {
  const crc = parseFrameProfile({
    name: "crc",
    header: [0xaa, 0xbb],
    trailer: [0x55],
    hasAddress: true,
    hasCommand: true,
    checksum: "crc16-modbus",
    checksumRange: "body",
  });
  for (const profile of [defaultFrameProfile, p7LedProfile, crc]) {
    it(`property: decodeFrame on any bytes (${profile.name}) throws only DriverError, and what it accepts re-encodes to the same bytes (${fuzzRuns} runs)`, () => {
      // Start most inputs with the header so the fuzzer reaches LEN, checksum and trailer checks, not just the header.
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 40 }).map((rest) => Uint8Array.from([...profile.header, ...rest])),
      );
      fc.assert(
        fc.property(bytes, (input) => {
          let frame: Frame;
          try {
            frame = decodeFrame(profile, input);
          } catch (error) {
            expect(isDriverError(error)).toBe(true);
            return;
          }
          expect(encodeFrame(profile, frame)).toEqual(input);
        }),
        { numRuns: fuzzRuns },
      );
    });
  }
});
