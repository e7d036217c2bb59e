/**
 * In-process call-decision time: `selectNext` over a busy synthetic hall, each call timed with hrtime. Between
 * calls (outside the timed region) the chosen ticket leaves and a new one arrives, as in a working hall, so the
 * index keeps its size while its heads keep changing.
 */
import { defaultCallPolicy, selectNext, type CallRule } from "../../hall-server/src/domain/index.ts";
import { buildDecisionHall, busyHall, type DecisionHallShape } from "./decisionHall.ts";
import { summarize, type Summary } from "./stats.ts";

/** Decision times in microseconds, and which rule chose how often (null = nothing to call). */
export interface DecisionResult {
  micros: Summary;
  rules: Record<CallRule | "none", number>;
  waiting: number;
}

/**
 * Time `calls` decisions after `warmup` untimed ones, cycling through the hall's windows. The hall clock moves 5 ms
 * per call (so slots fall due and waits grow) and each window's priority streak follows its decisions. RangeError
 * on a non-positive call count.
 */
export function runDecisionBench(
  calls = 100_000,
  warmup = 10_000,
  shape: DecisionHallShape = busyHall,
): DecisionResult {
  if (!(Number.isInteger(calls) && calls > 0)) throw new RangeError(`calls must be a positive integer, got ${calls}`);
  const hall = buildDecisionHall(shape);
  const samples = new Float64Array(calls);
  const rules: DecisionResult["rules"] = {
    targeted: 0,
    starvation: 0,
    appointment: 0,
    priority: 0,
    normal: 0,
    none: 0,
  };
  for (let i = 0; i < warmup + calls; i++) {
    const ctx = hall.windows[i % hall.windows.length]!;
    ctx.nowMs = shape.nowMs + i * 5;
    const t0 = process.hrtime.bigint();
    const decision = selectNext(hall.queues, ctx, defaultCallPolicy);
    const t1 = process.hrtime.bigint();
    if (i >= warmup) {
      samples[i - warmup] = Number(t1 - t0) / 1000;
      rules[decision?.rule ?? "none"] += 1;
    }
    if (decision) {
      ctx.priorityStreak = decision.priorityStreak;
      hall.queues.remove(decision.ticketId);
      hall.queues.add(hall.arrival(ctx.nowMs));
    }
  }
  return { micros: summarize(samples), rules, waiting: hall.queues.size };
}
