import { describe, expect, it } from "vitest";
import { FALLBACK_VARIANTS, FALLBACK_WORDS, fallbackVariantOf, faultLine } from "./fallbackWords.ts";

describe("the fallback page's words", () => {
  it("when the page names its shell, then it gets that shell's words; anything else gets the kiosk's", () => {
    expect(fallbackVariantOf("counter")).toBe("counter");
    expect(fallbackVariantOf("kiosk")).toBe("kiosk");
    expect(fallbackVariantOf(undefined)).toBe("kiosk");
    expect(fallbackVariantOf("{{shell}}")).toBe("kiosk");
    expect(fallbackVariantOf("constructor")).toBe("kiosk");
  });

  it("when the kiosk and the counter are compared, then one pauses ticket taking and the other service", () => {
    expect(FALLBACK_WORDS.kiosk.title).toEqual(["暂停取号", "Ticket service paused"]);
    expect(FALLBACK_WORDS.counter.title).toEqual(["暂停服务", "Service paused"]);
  });

  it.each(FALLBACK_VARIANTS)(
    "when the %s page shows a setup fault, then the fault's text sits in brackets",
    (variant) => {
      const line = faultLine(FALLBACK_WORDS[variant], "return= must be an http(s) URL");
      expect(line).toMatch(/^[A-Z][a-z]+ setup fault \(return= must be an http\(s\) URL\); please .+\.$/);
    },
  );
});
