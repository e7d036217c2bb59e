import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzRuns } from "../core/fuzzRuns.ts";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";
import { NATIONS } from "./codeTables.ts";
import { TEXT_LENGTH, cardTypeOf, decodeCardText, encodeCardText, requireValidIdNumber } from "./cardText.ts";
import { sampleCards } from "./sampleCards.ts";

// The text decoder is the widest input surface (any 256 bytes), so it gets three times the shared volume.
const TEXT_FUZZ_RUNS = fuzzRuns * 3;

const ucs2 = (text: string): number[] => [...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]);

describe("card text block", () => {
  it.each(Object.entries(sampleCards))(
    "when the %s sample is encoded and decoded, then every field comes back",
    (_name, sample) => {
      const card = decodeCardText(encodeCardText(sample.fields));
      expect(card).toMatchObject(sample.fields);
    },
  );

  it("when a resident card is encoded, then the name is UCS-2LE at 0, the ID number at 122 and padding is 20 00", () => {
    const bytes = encodeCardText(sampleCards.resident.fields);
    expect(bytes.length).toBe(TEXT_LENGTH);
    expect([...bytes.subarray(0, 6)]).toEqual([...ucs2("张伟"), 0x20, 0x00]);
    expect([...bytes.subarray(30, 36)]).toEqual(ucs2("101"));
    expect([...bytes.subarray(122, 158)]).toEqual(ucs2("110101198506121234"));
    expect([...bytes.subarray(248, 250)]).toEqual([0x20, 0x00]);
  });

  it.each([
    ["hongKongPermit", "J", 0x4a],
    ["foreign2017", "I", 0x49],
    ["foreign2023", "Y", 0x59],
  ] as const)("when the %s sample is encoded, then byte 248 holds %s", (name, _flag, byte) => {
    const bytes = encodeCardText(sampleCards[name].fields);
    expect([...bytes.subarray(248, 250)]).toEqual([byte, 0x00]);
    expect(cardTypeOf(bytes)).toBe(sampleCards[name].fields.type);
  });

  it("when the type flag is 00 00, then the block is read as a resident ID card", () => {
    const bytes = encodeCardText(sampleCards.resident.fields);
    bytes[248] = 0;
    expect(decodeCardText(bytes).type).toBe("resident");
  });

  it("when a resident card is decoded, then gender and nation come from the code tables", () => {
    const card = decodeCardText(encodeCardText(sampleCards.residentUyghur.fields));
    expect(card.type === "resident" && card.nation).toEqual({ code: "05", name: "维吾尔" });
    expect(card.gender).toEqual({ code: "2", key: "female", label: "女" });
    expect(card.longTerm).toBe(false);
  });

  it("when validity ends 长期, then longTerm is true", () => {
    const card = decodeCardText(encodeCardText(sampleCards.residentLongTerm.fields));
    expect(card).toMatchObject({ validTo: "长期", longTerm: true, idNumberValid: true });
  });

  it("when the 2023 English name is longer than 35 characters, then it spans bytes 52-121 and 220-241", () => {
    const name = sampleCards.foreign2023.fields.englishName;
    const bytes = encodeCardText(sampleCards.foreign2023.fields);
    expect([...bytes.subarray(52, 122)]).toEqual(ucs2(name.slice(0, 35)));
    expect([...bytes.subarray(220, 220 + 2 * (name.length - 35))]).toEqual(ucs2(name.slice(35)));
  });

  it("when a permit is decoded, then its region comes from the number prefix", () => {
    expect(decodeCardText(encodeCardText(sampleCards.taiwanPermit.fields))).toMatchObject({ region: "taiwan" });
  });

  it("when the check digit is wrong, then idNumberValid is false and requireValidIdNumber throws InvalidIdNumber", () => {
    const card = decodeCardText(encodeCardText(sampleCards.invalidCheckDigit.fields));
    expect(card.idNumberValid).toBe(false);
    expect(card.idNumberProblem).toContain("expected 4");
    let error: unknown;
    try {
      requireValidIdNumber(card);
    } catch (e) {
      error = e;
    }
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.InvalidIdNumber);
  });

  it("when every sample except the invalid one is decoded, then its number is valid", () => {
    for (const [name, sample] of Object.entries(sampleCards))
      expect(decodeCardText(encodeCardText(sample.fields)).idNumberValid).toBe(name !== "invalidCheckDigit");
  });

  it("when gender or nation codes are outside the tables, then they decode as invalid/empty, not as a throw", () => {
    const card = decodeCardText(encodeCardText({ ...sampleCards.resident.fields, genderCode: "7", nationCode: "77" }));
    expect(card.gender.key).toBe("invalid");
    expect(card.type === "resident" && card.nation.name).toBe("");
  });

  it("when the block is not 256 bytes, then decoding fails with BadPayload", () => {
    let error: unknown;
    try {
      decodeCardText(new Uint8Array(255));
    } catch (e) {
      error = e;
    }
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.BadPayload);
  });

  it("when the nation table is read, then it has the 56 nations plus 97 and 98", () => {
    expect(Object.keys(NATIONS)).toHaveLength(58);
  });
});

describe("card text fuzzing", () => {
  it("when any 256 bytes are decoded, then it never throws and yields a known card type", () => {
    const flag = fc.constantFrom(0x49, 0x4a, 0x59, 0x20, 0x00);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 256, maxLength: 256 }), flag, fc.boolean(), (bytes, f, forceFlag) => {
        if (forceFlag) {
          bytes[248] = f;
          bytes[249] = 0;
        }
        const card = decodeCardText(bytes);
        expect(["resident", "hk-macau-taiwan-permit", "foreign-permanent-2017", "foreign-permanent-2023"]).toContain(
          card.type,
        );
        expect(typeof card.idNumberValid).toBe("boolean");
      }),
      { numRuns: TEXT_FUZZ_RUNS },
    );
  });

  it("when random resident fields are encoded and decoded, then trimmed values survive", () => {
    const text = (max: number) => fc.string({ maxLength: max, unit: fc.constantFrom(..."张王李赵ABC 0123号路") });
    fc.assert(
      fc.property(text(15), text(35), fc.stringMatching(/^\d{17}[\dX]$/), (name, address, idNumber) => {
        const fields = { ...sampleCards.resident.fields, name, address, idNumber };
        const card = decodeCardText(encodeCardText(fields));
        expect(card).toMatchObject({ name: name.trimEnd(), address: address.trimEnd(), idNumber });
      }),
      { numRuns: fuzzRuns },
    );
  });
});
