/**
 * The forecast wait as a citizen reads it: rounding the forecast's figures for display, and the words the kiosk
 * ticket, the kiosk screen and the mobile status page show ("约 15–25 分钟" / "about 15–25 minutes").
 */

/** A forecast as the hall-server's model gives it: minutes, unrounded (NaN when nobody may take the ticket). */
export interface RawWaitForecast {
  meanMinutes: number;
  /** 10th percentile. */
  lowMinutes: number;
  /** 90th percentile. */
  highMinutes: number;
}

/** The displayed figures (the `WaitInfo` fields). */
export interface DisplayedWait {
  expectedWaitMinutes: number;
  waitRangeMinutes: { low: number; high: number };
}

/**
 * Round a forecast for display: the expected wait to whole minutes, and never 0 unless the forecast is exactly 0
 * (a free window takes the ticket now: the model gives 0 only then); the range's low rounded down and high up,
 * widened when needed so that low ≤ expected ≤ high. Non-finite figures (no forecast) display as 0.
 */
export function displayWait(f: RawWaitForecast): DisplayedWait {
  const whole = (m: number, round: (x: number) => number) => (Number.isFinite(m) && m > 0 ? round(m) : 0);
  const expected = f.meanMinutes > 0 ? Math.max(1, whole(f.meanMinutes, Math.round)) : 0;
  const low = Math.min(expected, whole(f.lowMinutes, Math.floor));
  const high = Math.max(expected, whole(f.highMinutes, Math.ceil));
  return { expectedWaitMinutes: expected, waitRangeMinutes: { low, high } };
}

/** Languages the wait is worded in. */
export type WaitLanguage = "zh-CN" | "en";

/**
 * The wait in words: "无需等待" / "no wait" for 0; "约 N 分钟" / "about N minutes" when the range is one figure;
 * "N 分钟内" / "within N minutes" when it starts at 0; else "约 L–H 分钟" / "about L–H minutes". When nobody
 * qualified is serving (`staffed` false) it says so instead of a figure. The kiosk ticket prints
 * "预计等待" + these words.
 */
export function waitWords(wait: DisplayedWait & { staffed: boolean }, language: WaitLanguage): string {
  const zh = language === "zh-CN";
  if (!wait.staffed)
    return zh ? "暂无窗口办理，请留意叫号" : "no window is serving this yet; please listen for your number";
  const { low, high } = wait.waitRangeMinutes;
  if (wait.expectedWaitMinutes === 0 && high === 0) return zh ? "无需等待" : "no wait";
  if (low === high) return zh ? `约 ${high} 分钟` : `about ${high} minute${high === 1 ? "" : "s"}`;
  if (low === 0) return zh ? `${high} 分钟内` : `within ${high} minutes`;
  return zh ? `约 ${low}–${high} 分钟` : `about ${low}–${high} minutes`;
}
