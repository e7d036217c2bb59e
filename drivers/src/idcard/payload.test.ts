import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzRuns } from "../core/fuzzRuns.ts";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";
import { Sw3, encodeReply } from "./codec.ts";
import { encodeCardText } from "./cardText.ts";
import {
  decodeAppendedAddress,
  decodeReadPayload,
  encodeAppendedAddress,
  encodeReadPayload,
  encodeSamId,
  formatSamId,
} from "./payload.ts";
import { sampleCards } from "./sampleCards.ts";

function thrownCode(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return isDriverError(error) ? error.code : error;
  }
  return undefined;
}

describe("read payloads", () => {
  const text = encodeCardText(sampleCards.resident.fields);
  const photo = sampleCards.resident.photo;

  it("when a 30 01 payload is framed, then the frame is 1295 bytes and decodes to the card and photo", () => {
    const data = encodeReadPayload(text, photo, false);
    expect(encodeReply({ sw3: Sw3.Success, data }).length).toBe(1295);
    const read = decodeReadPayload(data, false);
    expect(read.card.idNumber).toBe("110101198506121234");
    expect(read.photo).toEqual(photo);
    expect(read.fingerprint).toBeUndefined();
  });

  it.each([
    [0, 1297],
    [512, 1809],
    [1024, 2321],
  ])("when a 30 10 payload carries a %i-byte fingerprint, then the frame is %i bytes", (fl, total) => {
    const fingerprint = new Uint8Array(fl).fill(7);
    const data = encodeReadPayload(text, photo, true, fingerprint);
    expect([data[4], data[5]]).toEqual([fl >> 8, fl & 0xff]);
    expect(encodeReply({ sw3: Sw3.Success, data }).length).toBe(total);
    expect(decodeReadPayload(data, true).fingerprint).toEqual(fingerprint);
  });

  it("when the declared text length is not 256, then decoding fails with BadPayload", () => {
    const data = encodeReadPayload(text, photo, false);
    data[1] = 0x01;
    expect(thrownCode(() => decodeReadPayload(data, false))).toBe(DriverErrorCode.BadPayload);
  });

  it("when the data is shorter than the declared lengths, then decoding fails with BadPayload", () => {
    const data = encodeReadPayload(text, photo, false).subarray(0, 600);
    expect(thrownCode(() => decodeReadPayload(data, false))).toBe(DriverErrorCode.BadPayload);
    expect(thrownCode(() => decodeReadPayload(new Uint8Array(1), true))).toBe(DriverErrorCode.BadPayload);
  });

  it("when an appended address is encoded, then it is 70 bytes and decodes back", () => {
    const bytes = encodeAppendedAddress("江苏省南京市鼓楼区新住址街6号");
    expect(bytes.length).toBe(70);
    expect(decodeAppendedAddress(bytes)).toBe("江苏省南京市鼓楼区新住址街6号");
  });
});

describe("SAM id", () => {
  it("when SAM id parts are encoded and formatted, then the SDK-style string comes back", () => {
    const bytes = encodeSamId({ major: 5, minor: 1, parts: [20260101, 12345, 67890] });
    expect(bytes.length).toBe(16);
    expect(formatSamId(bytes)).toBe("05.01-20260101-0000012345-0000067890");
  });

  it("when the SAM id is short, then formatting fails with BadPayload", () => {
    expect(thrownCode(() => formatSamId(new Uint8Array(15)))).toBe(DriverErrorCode.BadPayload);
  });
});

describe("read payload fuzzing", () => {
  it("when random data is decoded as a read reply, then it either decodes or throws a DriverError, never anything else", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2400 }), fc.boolean(), (data, withFingerprint) => {
        try {
          decodeReadPayload(data, withFingerprint);
        } catch (error) {
          expect(isDriverError(error)).toBe(true);
        }
      }),
      { numRuns: fuzzRuns },
    );
  });
});
