import { describe, expect, it } from "vitest";
import {
  RETRY_SCHEDULE_SECONDS,
  initialRetryState,
  nextRetryState,
  retryDelaySeconds,
  type RetryEvent,
  type RetryState,
} from "./retryMachine.ts";

const run = (state: RetryState, ...events: RetryEvent["type"][]) =>
  events.reduce((s, type) => nextRetryState(s, { type }), state);
const ticks = (n: number): "tick"[] => Array.from({ length: n }, () => "tick");

describe("the fallback page's retry loop", () => {
  it("when it starts with a wait, then it counts down one second per tick and probes when the count ends", () => {
    const start = initialRetryState(3);
    expect(start).toEqual({ phase: "waiting", secondsLeft: 3, failures: 0 });
    expect(run(start, "tick")).toEqual({ phase: "waiting", secondsLeft: 2, failures: 0 });
    expect(run(start, ...ticks(2))).toEqual({ phase: "waiting", secondsLeft: 1, failures: 0 });
    expect(run(start, ...ticks(3))).toEqual({ phase: "probing", secondsLeft: 0, failures: 0 });
  });

  it("when it starts without a wait, then it probes at once", () => {
    expect(initialRetryState(0).phase).toBe("probing");
  });

  it("when the probe is answered, then it returns to the kiosk page and stays returning", () => {
    const returning = run(initialRetryState(0), "probeAnswered");
    expect(returning.phase).toBe("returning");
    expect(run(returning, "tick", "probeFailed", "retryNow")).toBe(returning);
  });

  it("when probes keep failing, then each wait follows the schedule and the last step repeats", () => {
    let state = initialRetryState(0);
    const waits: number[] = [];
    for (let failure = 1; failure <= 6; failure++) {
      state = run(state, "probeFailed");
      expect(state).toMatchObject({ phase: "waiting", failures: failure });
      waits.push(state.secondsLeft);
      state = run(state, ...ticks(state.secondsLeft));
      expect(state.phase).toBe("probing");
    }
    expect(waits).toEqual([5, 10, 20, 30, 30, 30]);
    expect(RETRY_SCHEDULE_SECONDS.at(-1)).toBe(30);
  });

  it("when the citizen presses retry while it waits, then it probes now and keeps its failure count", () => {
    const waiting = run(initialRetryState(0), "probeFailed", ...ticks(5), "probeFailed", "tick");
    expect(waiting).toEqual({ phase: "waiting", secondsLeft: 9, failures: 2 });
    expect(run(waiting, "retryNow")).toEqual({ phase: "probing", secondsLeft: 0, failures: 2 });
  });

  it("when ticks or retry presses arrive during a probe, then nothing changes (one probe at a time)", () => {
    const probing = initialRetryState(0);
    expect(run(probing, "tick", "retryNow", "tick")).toBe(probing);
  });

  it("when a probe outcome arrives while waiting, then it is ignored", () => {
    const waiting = initialRetryState(7);
    expect(run(waiting, "probeAnswered", "probeFailed")).toBe(waiting);
  });

  it("when asked for the delay after 0 or fewer failures, then it gives the first step", () => {
    expect(retryDelaySeconds(0)).toBe(5);
  });
});
