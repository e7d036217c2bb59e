import { describe, expect, it } from "vitest";
import { decideRestart, restartsInWindow, type RestartRules } from "./restartPolicy.ts";

const rules: RestartRules = { firstDelayMs: 1000, maxDelayMs: 8000, maxRestarts: 5, windowMs: 600_000 };
const T = 1_800_000_000_000;

describe("restarts after a renderer crash or hang", () => {
  it("when restarts accumulate in the window, then the delay doubles from the first and stops at the maximum", () => {
    const delays: number[] = [];
    const restarts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const decision = decideRestart(restarts, T + i * 1000, { ...rules, maxRestarts: 10 });
      if (decision.action !== "restart") throw new Error("expected a restart");
      delays.push(decision.delayMs);
      restarts.push(T + i * 1000);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it("when the cap is reached, then it holds until the oldest restart leaves the window", () => {
    const restarts = [T, T + 10_000, T + 20_000, T + 30_000, T + 40_000];
    expect(decideRestart(restarts, T + 50_000, rules)).toEqual({ action: "hold", holdMs: 550_000 });
  });

  it("when the oldest restart has left the window, then restarts are allowed again", () => {
    const restarts = [T, T + 10_000, T + 20_000, T + 30_000, T + 40_000];
    expect(decideRestart(restarts, T + 600_000, rules)).toEqual({ action: "restart", delayMs: 8000 });
  });

  it("when old restarts lie outside the window, then they count for nothing", () => {
    expect(decideRestart([T - 700_000, T - 650_000], T, rules)).toEqual({ action: "restart", delayMs: 1000 });
    expect(restartsInWindow([T + 5, T - 700_000, T - 1, T + 60_000], T + 10, rules)).toEqual([T - 1, T + 5]);
  });
});
