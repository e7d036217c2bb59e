import { describe, expect, it } from "vitest";
import { announcement } from "../services/calls.ts";
import { enNumberSegments, spokenAnnouncement, voiceVocabulary, zhNumberSegments } from "./announcement.ts";

const texts = (segments: { text: string }[]) => segments.map((s) => s.text);

describe("the spoken announcement", () => {
  it("when A001 is called to window 3, then Mandarin says 请 / A / 零 / 零 / 一 / 号到 / 三 / 号窗口办理", () => {
    const a = spokenAnnouncement("A001", 3);
    expect(a.zh.text).toBe("请 A001 号到 3 号窗口办理");
    expect(texts(a.zh.segments)).toEqual(["请", "A", "零", "零", "一", "号到", "三", "号窗口办理"]);
    expect(a.zh.segments.map((s) => s.key)).toEqual([
      "zh-please",
      "zh-A",
      "zh-0",
      "zh-0",
      "zh-1",
      "zh-number-to",
      "zh-3",
      "zh-window-serve",
    ]);
  });

  it("when A001 is called to window 3, then English says Ticket / A / zero / zero / one / please go to window / three", () => {
    const a = spokenAnnouncement("A001", 3);
    expect(a.en.text).toBe("Ticket A 0 0 1, please go to window 3");
    expect(texts(a.en.segments)).toEqual(["Ticket", "A", "zero", "zero", "one", "please go to window", "three"]);
  });

  it("when the call event's announcement text is made, then it is the spoken form's text (one source)", () => {
    for (const [number, window] of [
      ["A001", 3],
      ["B1000", 12],
      ["Z042", 105],
    ] as const) {
      const spoken = spokenAnnouncement(number, window);
      expect(announcement(number, window)).toEqual({ zh: spoken.zh.text, en: spoken.en.text });
    }
  });

  it.each([
    [1, "一"],
    [3, "三"],
    [10, "十"],
    [12, "十二"],
    [20, "二十"],
    [23, "二十三"],
    [100, "一百"],
    [105, "一百零五"],
    [110, "一百一十"],
    [999, "九百九十九"],
    [1001, "一千零一"],
    [1010, "一千零一十"],
    [2300, "二千三百"],
    [9999, "九千九百九十九"],
  ])("when the window number is %i, then Mandarin says it as the number %s", (n, words) => {
    expect(texts(zhNumberSegments(n)).join("")).toBe(words);
  });

  it.each([
    [3, "three"],
    [12, "twelve"],
    [20, "twenty"],
    [23, "twenty three"],
    [100, "one hundred"],
    [105, "one hundred five"],
    [1010, "one thousand ten"],
  ])("when the window number is %i, then English says %s", (n, words) => {
    expect(texts(enNumberSegments(n)).join(" ")).toBe(words);
  });

  it("when a ticket number is not capital letters and digits, or the window number is not whole, then it is refused", () => {
    expect(() => spokenAnnouncement("a001", 3)).toThrow(RangeError);
    expect(() => spokenAnnouncement("A-01", 3)).toThrow(RangeError);
    expect(() => spokenAnnouncement("A001", 2.5)).toThrow(RangeError);
    expect(() => spokenAnnouncement("A001", -1)).toThrow(RangeError);
  });

  it("when every window number 1-9999 and every letter and digit is announced, then each segment is in the vocabulary (nothing to synthesise at call time)", () => {
    const keys = new Set(voiceVocabulary(["zh", "en"]).map((s) => s.key));
    const used = new Set<string>();
    for (let w = 1; w <= 9999; w++) {
      const a = spokenAnnouncement("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", w);
      for (const s of [...a.zh.segments, ...a.en.segments]) used.add(s.key);
    }
    expect([...used].filter((k) => !keys.has(k))).toEqual([]);
    // And the vocabulary holds nothing an announcement never says.
    expect([...keys].filter((k) => !used.has(k))).toEqual([]);
  });

  it("when the vocabulary is listed, then each key is listed once with one text, and Mandarin only leaves English out", () => {
    const all = voiceVocabulary(["zh", "en"]);
    expect(new Set(all.map((s) => s.key)).size).toBe(all.length);
    expect(voiceVocabulary(["zh"]).every((s) => s.lang === "zh")).toBe(true);
    expect(voiceVocabulary(["zh"]).length).toBe(all.filter((s) => s.lang === "zh").length);
  });
});
