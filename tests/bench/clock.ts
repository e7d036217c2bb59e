/** The time source the load loops use, injectable so their scheduling can be tested without real time. */
import { setTimeout as sleep } from "node:timers/promises";

/** A monotonic clock in milliseconds and a way to wait on it. */
export interface Clock {
  /** Monotonic milliseconds (any origin). */
  now(): number;
  /** Resolve after about `ms` milliseconds (0 or less yields to the event loop once). */
  sleep(ms: number): Promise<void>;
}

/** The real clock: performance.now() and timers. */
export const realClock: Clock = {
  now: () => performance.now(),
  sleep: async (ms) => {
    await sleep(Math.max(0, ms));
  },
};

/** One request of a load loop: resolves true on the expected status, false on any other; rejects if the connection fails. */
export type Send = () => Promise<boolean>;

/** What a load loop observed. Latencies are in milliseconds, one per settled request. */
export interface LoopResult {
  latenciesMs: number[];
  /** Requests answered with the expected status. */
  ok: number;
  /** Requests answered with another status. */
  failed: number;
  /** First connection-level error, if any; the loop stops sending once one occurs. */
  error: Error | null;
  /** From the first send to the last response. */
  elapsedMs: number;
}

/** Completed-ok requests per second of a loop result (0 when nothing elapsed). */
export function throughput(r: LoopResult): number {
  return r.elapsedMs > 0 ? (r.ok * 1000) / r.elapsedMs : 0;
}
