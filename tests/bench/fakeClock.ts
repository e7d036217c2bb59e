/** A manual clock for testing the load loops: time moves only when someone sleeps or calls `advance`. */
import type { Clock } from "./clock.ts";

/** A Clock whose `sleep` advances virtual time at once, plus `advance` for simulated work. */
export interface FakeClock extends Clock {
  advance(ms: number): void;
}

/** Create a fake clock starting at 0 ms. */
export function createFakeClock(): FakeClock {
  let t = 0;
  return {
    now: () => t,
    sleep: async (ms) => {
      // Let already-settled work (answers that arrived "before" the wake-up) run at the current time first.
      await Promise.resolve();
      t += Math.max(0, ms);
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
