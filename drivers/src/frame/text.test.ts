import { describe, expect, it } from "vitest";
import { createTextCodec } from "./text.ts";

describe("createTextCodec", () => {
  it("when GB18030 text round-trips, then the bytes decode to the same text, Chinese included", () => {
    const codec = createTextCodec("gb18030");
    expect(codec.decode(codec.encode("请 A001 号到 3 号窗口"))).toBe("请 A001 号到 3 号窗口");
  });

  it("when text starts with U+FEFF, then it survives encode and decode as a character, not a dropped BOM", () => {
    const codec = createTextCodec("gb18030");
    const bytes = codec.encode("\uFEFF张");
    expect(Buffer.from(bytes).toString("hex")).toBe("84319533d5c5");
    expect(codec.decode(bytes)).toBe("\uFEFF张");
  });

  it("when a character has no GB2312 code, then encoding refuses it instead of sending '?'", () => {
    expect(() => createTextCodec("gb2312").encode("𠀀")).toThrow(/cannot be encoded in gb2312/);
  });
});
