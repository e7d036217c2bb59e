import { describe, expect, it } from "vitest";
import { HallLearner } from "./hallLearner.ts";

const T0 = Date.parse("2026-03-10T09:00:00+08:00");
const MIN = 60_000;

describe("HallLearner", () => {
  it("when services, walks and no-shows are observed, then the model learns them from their priors", () => {
    const learner = new HallLearner();
    for (let i = 0; i < 100; i++) {
      const at = T0 + i * 10 * MIN;
      learner.called(i, at);
      if (i % 10 === 0) {
        learner.noShow(i, at + 2 * MIN);
        continue;
      }
      learner.started(i, 1, at + MIN);
      learner.finished(i, 1, at + 8 * MIN);
    }
    const m = learner.model(T0 + 1000 * MIN, new Map([[1, 20]]));
    // 90 services of 7 minutes against a prior of 20 worth 8: (160 + 630) ÷ 98.
    expect(m.handleTimes.get(1)!.meanMinutes).toBeCloseTo(790 / 98, 6);
    // Walks of 1 minute against a prior of 0.5 worth 10; no-shows 10 of 100 calls against 3 % worth 30.
    expect(m.walkMeanMinutes).toBeCloseTo((5 + 90) / 100, 6);
    expect(m.noShowShare).toBeCloseTo((0.9 + 10) / 130, 6);
    expect(m.noShowMinutes).toBeCloseTo(2, 6);
  });

  it("when tickets are issued, then the arrival rate per item and class counts the last 30 minutes", () => {
    const learner = new HallLearner();
    // One normal ticket a minute for an hour, and an elderly one every 10 minutes.
    for (let m = 0; m < 60; m++) {
      learner.issued(1, "normal", T0 + m * MIN);
      if (m % 10 === 0) learner.issued(1, "elderly", T0 + m * MIN);
    }
    learner.issued(1, "appointment", T0);
    const rates = learner.model(T0 + 60 * MIN, new Map([[1, 10]])).arrivals;
    expect(rates.find((r) => r.priority === "normal")!.observed).toBe(30);
    expect(rates.find((r) => r.priority === "normal")!.perMinute).toBeCloseTo(1, 6);
    expect(rates.find((r) => r.priority === "elderly")!.perMinute).toBeCloseTo(3 / 30, 6);
    expect(rates.some((r) => (r.priority as string) === "appointment")).toBe(false);
  });
});
