import { describe, expect, it } from "vitest";
import { initialsOf } from "./kioskCatalog.ts";

describe("pinyin initials of an item's name", () => {
  it("when the name mixes Chinese, Latin letters, digits and punctuation, then the initials keep letters and digits", () => {
    expect(initialsOf("户籍办理")).toBe("hjbl");
    expect(initialsOf("社会保障卡补领、换领（含金融功能激活）")).toBe("shbzkblhlhjrgnjh");
    expect(initialsOf("A1 证明")).toBe("a1zm");
  });
});
