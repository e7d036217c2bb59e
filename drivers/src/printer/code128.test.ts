import { describe, expect, it } from "vitest";
import { code128Modules, code128Text, code128Values } from "./code128.ts";

// Golden patterns typed from the public CODE128 table (ISO/IEC 15417), bar = 1, space = 0.
const START_B = "11010010000"; // 104
const START_C = "11010011100"; // 105
const STOP = "1100011101011"; // 106

describe("CODE128 encoding", () => {
  it("when a queue number is encoded in code set B, then the values and modules match the table", () => {
    // A=33 0=16 0=16 1=17; check = (104 + 1*33 + 2*16 + 3*16 + 4*17) mod 103 = 285 mod 103 = 79.
    expect(code128Values("{BA001")).toEqual([104, 33, 16, 16, 17, 79, 106]);
    expect(code128Modules("{BA001")).toBe(
      [START_B, "10100011000", "10011101100", "10011101100", "10011100110", "10001111010", STOP].join(""),
    );
  });

  it("when lower case and punctuation are encoded in set B, then the check symbol is (start + sum(i*value)) mod 103", () => {
    // a=65 @=32 B=34 ==29 1=17: (104 + 65 + 64 + 102 + 116 + 85) mod 103 = 536 mod 103 = 21.
    expect(code128Values("{Ba@B=1")).toEqual([104, 65, 32, 34, 29, 17, 21, 106]);
    expect(code128Modules("{Ba@B=1").slice(-24, -13)).toBe("11011100100"); // symbol 21
  });

  it("when set C carries 12 34 56 as byte values, then each byte is one symbol", () => {
    // (105 + 12 + 2*34 + 3*56) mod 103 = 353 mod 103 = 44.
    expect(code128Values("{C\x0c\x22\x38")).toEqual([105, 12, 34, 56, 44, 106]);
    expect(code128Modules("{C\x0c\x22\x38")).toBe(
      [START_C, "10110011100", "10001011000", "11100010110", "10001101110", STOP].join(""),
    );
  });

  it("when the data switches set, shifts, uses FNC1 or escapes a brace, then the specials get their values", () => {
    expect(code128Values("{BA{C\x0c{Ba").slice(0, 6)).toEqual([104, 33, 99, 12, 100, 65]);
    expect(code128Values("{AA{Sb").slice(0, 4)).toEqual([103, 33, 98, 66]); // shift: "b" read in set B is 66
    expect(code128Values("{B{1A").slice(1, 3)).toEqual([102, 33]);
    expect(code128Values("{B{2{3{4A").slice(1, 5)).toEqual([97, 96, 100, 33]);
    expect(code128Values("{C{A\x01{4").slice(1, 4)).toEqual([101, 65, 101]); // control char and FNC4 in set A
    expect(code128Values("{B{{").slice(1, 2)).toEqual([91]);
  });

  it("when every symbol of the table is drawn, then each has 11 modules (STOP 13) and three bars of even total width", () => {
    // Values 0..94 are the set B characters 0x20..0x7e ("{" written "{{"); 95..105 are reached through the specials.
    for (let value = 0; value <= 94; value++) {
      const char = String.fromCharCode(value + 0x20);
      const symbol = code128Modules(`{B${char === "{" ? "{{" : char}`).slice(11, 22);
      expect(symbol).toHaveLength(11);
      const bars = symbol.match(/1+/g) ?? [];
      expect(bars).toHaveLength(3);
      expect(bars.join("").length % 2).toBe(0);
    }
    for (const data of ["{BA{S\x01", "{B{2{3{4A", "{C{A\x01{1"]) {
      const symbols = code128Modules(data).slice(0, -13).match(/.{11}/g) ?? [];
      for (const symbol of symbols) expect((symbol.match(/1+/g) ?? []).join("").length % 2).toBe(0);
    }
  });

  it.each([
    ["A001", "must start with {A, {B or {C"],
    ["{Cxy", "code set C takes values 0..99"],
    ["{Aa", "code set A has no character 0x61"],
    ["{B{X", 'unknown escape "{X"'],
    ["{C{S\x01", "shift ({S) does not exist in code set C"],
    ["{B{S", "shift ({S) at the end"],
  ])("when the data is %j, then it is refused with a clear error", (data, message) => {
    expect(() => code128Values(data)).toThrow(message);
  });

  it("when the human-readable line is made, then the escapes are removed and {{ prints one brace", () => {
    expect(code128Text("{BA001")).toBe("A001");
    expect(code128Text("{BA{C12{B{{x")).toBe("A12{x");
  });
});
