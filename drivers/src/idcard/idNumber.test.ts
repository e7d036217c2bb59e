import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fuzzRuns } from "../core/fuzzRuns.ts";
import { DriverErrorCode } from "../core/errors.ts";
import {
  checkForeign2017Number,
  checkForeign2023Number,
  checkIdNumber18,
  checkPermitNumber,
  idCheckCharacter,
  invalidIdNumberError,
  permitRegion,
} from "./idNumber.ts";

describe("18-character identity numbers (ISO 7064 MOD 11-2)", () => {
  it("when the published GB 11643 example 11010519491231002 is checked, then its check character is X", () => {
    expect(idCheckCharacter("11010519491231002")).toBe("X");
    expect(checkIdNumber18("11010519491231002X")).toEqual({ valid: true });
  });

  it("when the check character is wrong, then the number is invalid with the expected character named", () => {
    expect(checkIdNumber18("110101198506121235")).toEqual({ valid: false, reason: "check character is 5, expected 4" });
  });

  it("when the shape is wrong (lower-case x, 17 or 19 characters, letters), then the number is invalid", () => {
    for (const id of ["11010519491231002x", "11010519491231002", "1101051949123100211", "1101051949123100AX"])
      expect(checkIdNumber18(id).valid).toBe(false);
  });

  it("when any 17 digits get their computed check character, then the number is valid and every other character is not", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (digits) => {
        const check = idCheckCharacter(digits) ?? "";
        expect(checkIdNumber18(digits + check).valid).toBe(true);
        for (const other of "0123456789X".replace(check, "")) expect(checkIdNumber18(digits + other).valid).toBe(false);
      }),
      { numRuns: fuzzRuns },
    );
  });
});

describe("card-type specific numbers", () => {
  it("when a permit number starts 810000/820000/830000, then its region is HK/Macau/Taiwan", () => {
    expect(["810000", "820000", "830000", "110101"].map(permitRegion)).toEqual([
      "hong-kong",
      "macau",
      "taiwan",
      undefined,
    ]);
  });

  it("when a permit number has a valid check digit but a resident prefix, then it is invalid", () => {
    expect(checkPermitNumber("110101198506121234").valid).toBe(false);
    expect(checkPermitNumber("810000199107080023").valid).toBe(true);
  });

  it("when a 2023 foreign number does not start with 9, then it is invalid", () => {
    expect(checkForeign2023Number("911011199001012341").valid).toBe(true);
    expect(checkForeign2023Number("110101198506121234").valid).toBe(false);
  });

  it("when a 2017 foreign number is 3 letters + 12 digits, then it is valid, else not", () => {
    expect(checkForeign2017Number("USA110085061201").valid).toBe(true);
    for (const id of ["usa110085061201", "US1110085061201", "USA11008506120", "USA1100850612012"])
      expect(checkForeign2017Number(id).valid).toBe(false);
  });

  it("when an invalid number becomes an error, then it is InvalidIdNumber and the context masks the number", () => {
    const error = invalidIdNumberError("110101198506121235", "bad");
    expect(error.code).toBe(DriverErrorCode.InvalidIdNumber);
    expect(error.context).toEqual({ masked: "1101**********1235", length: 18 });
    expect(JSON.stringify(error.context)).not.toContain("19850612");
  });
});
