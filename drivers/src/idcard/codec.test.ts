import { describe, expect, it } from "vitest";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";
import {
  IdCardCommand,
  Sw3,
  commandName,
  decodeFrame,
  decodeReply,
  decodeRequest,
  encodeReply,
  encodeRequest,
  readerStatus,
  setBaudCommand,
  statusError,
} from "./codec.ts";
import * as wire from "./fixtures.ts";

const hex = (text: string): Uint8Array => Uint8Array.from(text.split(" ").map((b) => parseInt(b, 16)));
const toHex = (bytes: Uint8Array): string =>
  [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

// Every request frame quoted in devices.md §1.3, byte for byte.
const goldenRequests: [string, { cmd: number; para: number }, string][] = [
  ["reset SAM", IdCardCommand.ResetSam, "AA AA AA 96 69 00 03 10 FF EC"],
  ["SAM status", IdCardCommand.SamStatus, "AA AA AA 96 69 00 03 11 FF ED"],
  ["SAM id", IdCardCommand.SamId, "AA AA AA 96 69 00 03 12 FF EE"],
  ["find card", IdCardCommand.FindCard, "AA AA AA 96 69 00 03 20 01 22"],
  ["select card", IdCardCommand.SelectCard, "AA AA AA 96 69 00 03 20 02 21"],
  ["read text + photo", IdCardCommand.ReadTextPhoto, "AA AA AA 96 69 00 03 30 01 32"],
  ["read appended address", IdCardCommand.ReadAppendedAddress, "AA AA AA 96 69 00 03 30 03 30"],
  ["read text + photo + fingerprint", IdCardCommand.ReadTextPhotoFingerprint, "AA AA AA 96 69 00 03 30 10 23"],
  ["set baud 115200", setBaudCommand(115200), "AA AA AA 96 69 00 03 60 00 63"],
];

// Every reply frame quoted in devices.md §1.4.
const goldenReplies: [string, number, number, string][] = [
  ["find OK", Sw3.CardFound, 4, "AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97"],
  ["select OK", Sw3.Success, 8, "AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C"],
  ["find failed", Sw3.FindFailed, 0, "AA AA AA 96 69 00 04 00 00 80 84"],
  ["select failed", Sw3.SelectFailed, 0, "AA AA AA 96 69 00 04 00 00 81 85"],
  ["status OK", Sw3.Success, 0, "AA AA AA 96 69 00 04 00 00 90 94"],
];

describe("ID-card codec golden frames", () => {
  it.each(goldenRequests)("when encoding %s, then the bytes match §1.3", (_name, command, bytes) => {
    expect(toHex(encodeRequest(command))).toBe(bytes);
  });

  it.each(goldenRequests)("when decoding the %s request, then CMD and Para come back", (_name, command, bytes) => {
    const request = decodeRequest(hex(bytes));
    expect(request).toEqual({ cmd: command.cmd, para: command.para, data: new Uint8Array(0) });
    expect(commandName(request)).toBeDefined();
  });

  it.each(goldenReplies)("when encoding the %s reply, then the bytes match §1.4", (_name, sw3, dataLength, bytes) => {
    expect(toHex(encodeReply({ sw3, data: new Uint8Array(dataLength) }))).toBe(bytes);
  });

  it.each(goldenReplies)(
    "when decoding the %s reply, then SW1-SW3 and data come back",
    (_name, sw3, dataLength, bytes) => {
      expect(decodeReply(hex(bytes))).toEqual({ sw1: 0, sw2: 0, sw3, data: new Uint8Array(dataLength) });
    },
  );

  it("when encoding a text+photo reply, then its header matches S3's 05 08 00 00 90 01 00 04 00", () => {
    const data = new Uint8Array(4 + 256 + 1024);
    data.set([0x01, 0x00, 0x04, 0x00]);
    const frame = encodeReply({ sw3: Sw3.Success, data });
    expect(frame.length).toBe(1295);
    expect(toHex(frame.subarray(0, 14))).toBe("AA AA AA 96 69 05 08 00 00 90 01 00 04 00");
  });

  it("when the baud commands are built, then para runs 00..04 from 115200 down to 9600", () => {
    expect([115200, 57600, 38400, 19200, 9600].map((b) => setBaudCommand(b as 9600).para)).toEqual([0, 1, 2, 3, 4]);
    expect(commandName({ cmd: 0x60, para: 0x05 })).toBeUndefined();
    expect(commandName({ cmd: 0x42, para: 0x01 })).toBeUndefined();
  });
});

describe("ID-card codec against the commented wire fixtures", () => {
  it("when a read cycle is encoded, then every frame equals the commented capture", () => {
    expect(encodeRequest(IdCardCommand.FindCard)).toEqual(wire.FIND_REQUEST);
    expect(encodeReply({ sw3: Sw3.CardFound, data: new Uint8Array(4) })).toEqual(wire.FIND_OK_REPLY);
    expect(encodeReply({ sw3: Sw3.FindFailed })).toEqual(wire.FIND_NO_CARD_REPLY);
    expect(encodeRequest(IdCardCommand.SelectCard)).toEqual(wire.SELECT_REQUEST);
    expect(encodeReply({ sw3: Sw3.Success, data: new Uint8Array(8) })).toEqual(wire.SELECT_OK_REPLY);
    expect(encodeRequest(IdCardCommand.ReadTextPhoto)).toEqual(wire.READ_REQUEST);
    const data = new Uint8Array(4 + 256 + 1024);
    data.set([0x01, 0x00, 0x04, 0x00]);
    expect(encodeReply({ sw3: Sw3.Success, data }).subarray(0, 14)).toEqual(wire.READ_OK_REPLY_HEADER);
  });
});

describe("ID-card codec errors", () => {
  it("when one byte of a frame is flipped, then decode reports BadChecksum", () => {
    const frame = hex("AA AA AA 96 69 00 03 20 01 22");
    frame[8] = 0x02;
    const error = thrown(() => decodeRequest(frame));
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.BadChecksum);
  });

  it("when Len disagrees with the frame size, then decode reports BadLength", () => {
    const error = thrown(() => decodeFrame(hex("AA AA AA 96 69 00 05 20 01 24")));
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.BadLength);
  });

  it("when the preamble is wrong, then decode reports BadPayload", () => {
    const error = thrown(() => decodeFrame(hex("AA AA AB 96 69 00 03 20 01 22")));
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.BadPayload);
  });

  it("when a reply has a valid frame but no room for SW1-SW3, then decodeReply reports BadLength", () => {
    const error = thrown(() => decodeReply(encodeRequest(IdCardCommand.FindCard)));
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.BadLength);
  });
});

describe("SW3 status table", () => {
  it("when SW3 is 90, 91 or 9F, then the status is ok", () => {
    expect([0x90, 0x91, 0x9f].map((b) => readerStatus(b).ok)).toEqual([true, true, true]);
    expect(readerStatus(0x80)).toMatchObject({ name: "FindFailed", ok: false });
  });

  it("when SW3 is outside the table, then the status is Unknown and the error DeviceStatus", () => {
    expect(readerStatus(0x55).name).toBe("Unknown");
    expect(statusError({ sw1: 0, sw2: 0, sw3: 0x55 }, "find").code).toBe(DriverErrorCode.DeviceStatus);
  });

  it.each([
    [0x10, DriverErrorCode.BadChecksum],
    [0x11, DriverErrorCode.BadLength],
    [0x21, DriverErrorCode.UnknownCommand],
    [0x23, DriverErrorCode.DeviceStatus],
    [0x24, DriverErrorCode.DeviceStatus],
    [0x31, DriverErrorCode.CardAuthFailed],
    [0x32, DriverErrorCode.CardAuthFailed],
    [0x33, DriverErrorCode.CardAuthFailed],
    [0x40, DriverErrorCode.CardReadFailed],
    [0x41, DriverErrorCode.CardReadFailed],
    [0x47, DriverErrorCode.CardReadFailed],
    [0x60, DriverErrorCode.SamFault],
    [0x66, DriverErrorCode.SamFault],
    [0x80, DriverErrorCode.NoCard],
    [0x81, DriverErrorCode.CardSelectFailed],
    [0x91, DriverErrorCode.NoContent],
  ])("when SW3 is 0x%s, then the typed error code is %s", (sw3, code) => {
    const error = statusError({ sw1: 0x12, sw2: 0x34, sw3 }, "read");
    expect(error.code).toBe(code);
    expect(error.context).toMatchObject({ sw1: 0x12, sw2: 0x34, sw3, command: "read" });
  });
});
