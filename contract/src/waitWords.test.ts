import { describe, expect, it } from "vitest";
import { displayWait, waitWords } from "./waitWords.ts";

describe("displayWait", () => {
  it.each([
    // mean, P10, P90 -> expected, low, high
    [{ meanMinutes: 0, lowMinutes: 0, highMinutes: 0 }, 0, 0, 0],
    // A forecast above 0 never shows 0: only a free window gives 0.
    [{ meanMinutes: 0.2, lowMinutes: 0, highMinutes: 0.6 }, 1, 0, 1],
    [{ meanMinutes: 17.4, lowMinutes: 12.8, highMinutes: 24.1 }, 17, 12, 25],
    // The range always holds the figure shown.
    [{ meanMinutes: 9.6, lowMinutes: 10.2, highMinutes: 9.9 }, 10, 10, 10],
    [{ meanMinutes: Number.NaN, lowMinutes: Number.NaN, highMinutes: Number.NaN }, 0, 0, 0],
  ])("when the forecast is %o, then it shows %i minutes in %i–%i", (f, expected, low, high) => {
    expect(displayWait(f)).toEqual({ expectedWaitMinutes: expected, waitRangeMinutes: { low, high } });
  });
});

describe("waitWords", () => {
  const w = (expected: number, low: number, high: number, staffed = true) => ({
    expectedWaitMinutes: expected,
    waitRangeMinutes: { low, high },
    staffed,
  });
  it.each([
    [w(17, 15, 25), "约 15–25 分钟", "about 15–25 minutes"],
    [w(0, 0, 0), "无需等待", "no wait"],
    [w(3, 0, 6), "6 分钟内", "within 6 minutes"],
    [w(10, 10, 10), "约 10 分钟", "about 10 minutes"],
    [w(1, 1, 1), "约 1 分钟", "about 1 minute"],
    [w(5, 5, 5, false), "暂无窗口办理，请留意叫号", "no window is serving this yet; please listen for your number"],
  ])("when the wait is %o, then a citizen reads %s / %s", (wait, zh, en) => {
    expect(waitWords(wait, "zh-CN")).toBe(zh);
    expect(waitWords(wait, "en")).toBe(en);
  });
});
