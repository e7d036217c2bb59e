import { describe, expect, it } from "vitest";
import { WedgeDetector } from "./wedge.ts";

/** Type `text` then Enter, one key every `gapMs` from `start`; the detector's answer at Enter. */
function type(detector: WedgeDetector, text: string, gapMs: number, start = 1000): string | undefined {
  let at = start;
  for (const key of text) detector.key(key, (at += gapMs));
  return detector.key("Enter", at + gapMs);
}

describe("WedgeDetector", () => {
  it("when a scanner types a code in fast keys ending in Enter, then the code is the scan", () => {
    expect(type(new WedgeDetector(), "AB12CD34", 5)).toBe("AB12CD34");
  });

  it("when a person types at human speed, then no scan is reported", () => {
    expect(type(new WedgeDetector(), "AB12CD34", 150)).toBeUndefined();
  });

  it("when slow typing is followed by a fast scan, then only the scanned part is reported", () => {
    const detector = new WedgeDetector();
    detector.key("x", 0);
    detector.key("y", 300);
    expect(type(detector, "QR7ZK2M9", 4, 1000)).toBe("QR7ZK2M9");
  });

  it("when a scan is too short or Enter comes late, then nothing is reported", () => {
    expect(type(new WedgeDetector(), "AB", 5)).toBeUndefined();
    const detector = new WedgeDetector();
    for (const [i, key] of [..."ABCDEFGH"].entries()) detector.key(key, i * 5);
    expect(detector.key("Enter", 5000)).toBeUndefined();
  });

  it("when Shift is pressed between characters, then the scan is unbroken", () => {
    const detector = new WedgeDetector();
    let at = 0;
    for (const key of ["Shift", "A", "Shift", "B", "1", "2"]) detector.key(key, (at += 3));
    expect(detector.key("Enter", at + 3)).toBe("AB12");
  });

  it("when a key is stuck, then the buffer stops growing at maxLength", () => {
    const detector = new WedgeDetector({ maxLength: 10 });
    expect(type(detector, "9".repeat(100), 1)).toBe("9".repeat(10));
  });

  it("when reset between keys, then the earlier keys are forgotten", () => {
    const detector = new WedgeDetector();
    detector.key("A", 0);
    detector.key("B", 2);
    detector.reset();
    expect(type(detector, "CDEF", 2, 4)).toBe("CDEF");
  });
});
