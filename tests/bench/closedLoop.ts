/**
 * Closed-loop load: `concurrency` clients, each sending its next request as soon as the previous one is answered,
 * for `durationMs`. Measures the most the server sustains; latencies here are service times under saturation.
 */
import { realClock, type Clock, type LoopResult, type Send } from "./clock.ts";

/** Clients and duration of a closed loop. */
export interface ClosedLoopOptions {
  concurrency: number;
  durationMs: number;
  send: Send;
  clock?: Clock;
  /** Send at most this many requests in total (default: no limit). */
  maxRequests?: number;
  /** A client stops when this returns true for its last answer (e.g. the queue ran dry). */
  stopWhen?: (ok: boolean) => boolean;
}

/**
 * Run the closed loop until the duration has passed, `maxRequests` were sent, `stopWhen` fired, or a
 * connection error occurred (recorded in `error`, then every client stops). RangeError on a concurrency that is not
 * a positive integer or a duration that is not a positive finite number.
 */
export async function closedLoop(options: ClosedLoopOptions): Promise<LoopResult> {
  const { concurrency, durationMs, send } = options;
  const clock = options.clock ?? realClock;
  const maxRequests = options.maxRequests ?? Number.POSITIVE_INFINITY;
  if (!(Number.isInteger(concurrency) && concurrency > 0))
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  if (!(durationMs > 0 && Number.isFinite(durationMs)))
    throw new RangeError(`duration must be a positive number, got ${durationMs}`);
  const result: LoopResult = { latenciesMs: [], ok: 0, failed: 0, error: null, elapsedMs: 0 };
  const start = clock.now();
  let stopped = false;
  let started = 0;
  const client = async (): Promise<void> => {
    while (!stopped && clock.now() - start < durationMs && started < maxRequests) {
      started += 1;
      const sentAt = clock.now();
      let ok: boolean;
      try {
        ok = await send();
      } catch (error) {
        result.error ??= error instanceof Error ? error : new Error(String(error));
        stopped = true;
        return;
      }
      result.latenciesMs.push(clock.now() - sentAt);
      if (ok) result.ok += 1;
      else result.failed += 1;
      if (options.stopWhen?.(ok)) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  result.elapsedMs = clock.now() - start;
  return result;
}
