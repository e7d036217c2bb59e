import { describe, expect, it } from "vitest";
import { reconnectDelay, SCREEN_BACKOFF } from "./reconnectDelay.ts";

describe("reconnect delay", () => {
  const middle = () => 0.5; // no jitter
  it("when attempts keep failing, then the delay doubles from 0.5 s up to 10 s and stays there", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => reconnectDelay(n, SCREEN_BACKOFF, middle))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000,
    ]);
  });

  it("when jitter is drawn, then the delay stays within ±20 % and never above the maximum", () => {
    expect(reconnectDelay(1, SCREEN_BACKOFF, () => 0)).toBe(400);
    expect(reconnectDelay(1, SCREEN_BACKOFF, () => 0.999_999)).toBe(600);
    expect(reconnectDelay(10, SCREEN_BACKOFF, () => 0.999_999)).toBe(10_000);
    expect(reconnectDelay(10, SCREEN_BACKOFF, () => 0)).toBe(8000);
  });

  it("when given 0 or a fraction of failures, then it counts as the first retry", () => {
    expect(reconnectDelay(0, SCREEN_BACKOFF, middle)).toBe(500);
    expect(reconnectDelay(1.7, SCREEN_BACKOFF, middle)).toBe(500);
  });
});
