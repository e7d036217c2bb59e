import { describe, expect, it } from "vitest";
import { DriverErrorCode, isDriverError } from "../core/errors.ts";
import { getPrinterProfile, parsePrinterProfile, printerProfiles } from "./profiles.ts";

describe("printer profiles", () => {
  it("when the shipped profiles load, then 58 and 80 mm rolls have their widths", () => {
    expect([...printerProfiles.keys()]).toEqual([
      "generic-58",
      "generic-80",
      "gbk-80",
      "kiosk-80-asb",
      "epson-80-latin",
    ]);
    expect(getPrinterProfile("generic-58")).toMatchObject({ paperWidthMm: 58, printWidthDots: 384, columns: 32 });
    expect(getPrinterProfile("generic-80")).toMatchObject({ paperWidthMm: 80, printWidthDots: 576, columns: 48 });
  });

  it("when a station config carries a bad profile, then the error names the field", () => {
    const good = { ...getPrinterProfile("generic-58") } as Record<string, unknown>;
    const error: unknown = (() => {
      try {
        return parsePrinterProfile("custom", { ...good, cut: "guillotine" });
      } catch (e) {
        return e;
      }
    })();
    expect(isDriverError(error) && error.code).toBe(DriverErrorCode.BadPayload);
    expect((error as Error).message).toContain("cut");
    expect(() => parsePrinterProfile("custom", { ...good, columns: 48 })).toThrow(/do not fit/);
    expect(() => parsePrinterProfile("custom", { ...good, colums: 32 })).toThrow(/colums/);
    expect(() => parsePrinterProfile("custom", null)).toThrow(/not an object/);
    expect(() => getPrinterProfile("nope")).toThrow(/known: generic-58/);
  });
});
