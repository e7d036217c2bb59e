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
  /**
   * How long to wait for answers after the last send (default: until all are in). Requests still unanswered then
   * count as `unanswered`, with the time waited so far as their latency (a lower bound, so an overloaded server
   * still shows in the percentiles instead of dropping out of them).
   */
  drainTimeoutMs?: number;
}

/** An open-loop result: a loop result plus the requests still unanswered at the drain deadline. */
export interface OpenLoopResult extends LoopResult {
  unanswered: number;
  /** Latency from the moment each request was actually sent (excludes the load generator's own lateness). */
  sentLatenciesMs: number[];
}

/**
 * Offer `ratePerSecond × durationMs/1000` requests on a fixed timetable and wait for every response. Requests that
 * fall due while the loop is late are sent at once, in a burst. The number in flight is bounded by the timetable
 * itself (at most the total). After a connection error no further requests are sent. RangeError on a rate or
 * duration that is not a positive finite number.
 */
export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { ratePerSecond, durationMs, send } = options;
  const clock = options.clock ?? realClock;
  if (!(ratePerSecond > 0 && Number.isFinite(ratePerSecond)))
    throw new RangeError(`rate must be a positive number, got ${ratePerSecond}`);
  if (!(durationMs > 0 && Number.isFinite(durationMs)))
    throw new RangeError(`duration must be a positive number, got ${durationMs}`);
  const total = Math.max(1, Math.round((ratePerSecond * durationMs) / 1000));
  const intervalMs = 1000 / ratePerSecond;
  const result: OpenLoopResult = {
    latenciesMs: [],
    sentLatenciesMs: [],
    ok: 0,
    failed: 0,
    error: null,
    elapsedMs: 0,
    unanswered: 0,
  };
  const start = clock.now();
  let lastDone = start;
  let finished = false;
  const inFlight: Promise<void>[] = [];
  const pending = new Set<number>();
  for (let i = 0; i < total && result.error === null; i++) {
    const due = start + i * intervalMs;
    const wait = due - clock.now();
    if (wait > 0) await clock.sleep(wait);
    // A connection error may have been reported while we slept.
    if (result.error !== null) break;
    pending.add(due);
    const sentAt = clock.now();
    inFlight.push(
      send().then(
        (ok) => {
          // Answers after the drain deadline belong to no result: it has been returned already.
          if (finished) return;
          pending.delete(due);
          lastDone = clock.now();
          result.latenciesMs.push(lastDone - due);
          result.sentLatenciesMs.push(lastDone - sentAt);
          if (ok) result.ok += 1;
          else result.failed += 1;
        },
        (error: unknown) => {
          if (finished) return;
          pending.delete(due);
          result.error ??= error instanceof Error ? error : new Error(String(error));
        },
      ),
    );
  }
  const all = Promise.all(inFlight);
  if (options.drainTimeoutMs === undefined) await all;
  else await Promise.race([all, clock.sleep(options.drainTimeoutMs)]);
  finished = true;
  if (pending.size > 0) {
    lastDone = clock.now();
    for (const due of pending) result.latenciesMs.push(lastDone - due);
    result.unanswered = pending.size;
  }
  result.elapsedMs = lastDone - start;
  return result;
}
