/**
 * Open-loop load: sends go out on a fixed timetable whatever the server does, and each latency is measured from the
 * request's SCHEDULED time, not from when it actually left. A stalled server (or a stalled client) therefore shows
 * up in the latencies instead of silently lowering the offered rate ("coordinated omission").
 *
 *   t0, t0+1/rate, t0+2/rate, ...  --send()-->  response  -->  latency = response time - scheduled time
 */
import { realClock, type Clock, type LoopResult, type Send } from "./clock.ts";

/** Offered load: `ratePerSecond` requests spread evenly over `durationMs`. */
export interface OpenLoopOptions {
  ratePerSecond: number;
  durationMs: number;
  send: Send;
  clock?: Clock;
}

/**
 * Offer `ratePerSecond × durationMs/1000` requests on a fixed timetable and wait for every response. Requests that
 * fall due while the loop is late are sent at once, in a burst. The number in flight is bounded by the timetable
 * itself (at most the total). After a connection error no further requests are sent. RangeError on a rate or
 * duration that is not a positive finite number.
 */
export async function openLoop(options: OpenLoopOptions): Promise<LoopResult> {
  const { ratePerSecond, durationMs, send } = options;
  const clock = options.clock ?? realClock;
  if (!(ratePerSecond > 0 && Number.isFinite(ratePerSecond)))
    throw new RangeError(`rate must be a positive number, got ${ratePerSecond}`);
  if (!(durationMs > 0 && Number.isFinite(durationMs)))
    throw new RangeError(`duration must be a positive number, got ${durationMs}`);
  const total = Math.max(1, Math.round((ratePerSecond * durationMs) / 1000));
  const intervalMs = 1000 / ratePerSecond;
  const result: LoopResult = { latenciesMs: [], ok: 0, failed: 0, error: null, elapsedMs: 0 };
  const start = clock.now();
  let lastDone = start;
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total && result.error === null; i++) {
    const due = start + i * intervalMs;
    const wait = due - clock.now();
    if (wait > 0) await clock.sleep(wait);
    // A connection error may have been reported while we slept.
    if (result.error !== null) break;
    inFlight.push(
      send().then(
        (ok) => {
          lastDone = clock.now();
          result.latenciesMs.push(lastDone - due);
          if (ok) result.ok += 1;
          else result.failed += 1;
        },
        (error: unknown) => {
          result.error ??= error instanceof Error ? error : new Error(String(error));
        },
      ),
    );
  }
  await Promise.all(inFlight);
  result.elapsedMs = lastDone - start;
  return result;
}
