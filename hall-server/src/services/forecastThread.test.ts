import { afterEach, describe, expect, it } from "vitest";
import {
  defaultCallPolicy,
  forecastWaits,
  HallLearner,
  hallModelOf,
  WaitingQueues,
  type ForecastResult,
} from "../domain/index.ts";
import { ForecastThread, type ThreadForecastInput } from "./forecastThread.ts";

const NOW = Date.parse("2026-03-10T10:00:00+08:00");

const PRIORS = new Map([[1, 8]]);

/** The thread's input: the model is fitted from the learner's state in the thread. */
function input(): ThreadForecastInput {
  const learner = new HallLearner();
  for (const m of [4, 6, 9, 12, 7]) learner.handled(1, m);
  learner.called(40, NOW - 200_000);
  learner.started(40, 1, NOW - 120_000);
  return {
    nowMs: NOW,
    waiting: [1, 2, 3].map((id) => ({
      id,
      itemId: 1,
      priority: "normal" as const,
      arrivedAt: NOW - (10 - id) * 60_000,
    })),
    windows: [
      {
        windowId: 1,
        staffId: 1,
        eligibleItems: new Map([[1, 5]]),
        priorityStreak: 0,
        busy: { itemId: 1, phase: "serving", sinceMs: NOW - 120_000 },
      },
    ],
    learned: { state: learner.state(NOW), priorMinutes: PRIORS },
    policy: defaultCallPolicy,
    probes: [{ itemId: 1, priority: "normal" }],
    runs: 50,
    seed: 11,
  };
}

/** The same forecast inline, with the model fitted here. */
function inline(i: ThreadForecastInput): ForecastResult {
  const { learned, ...rest } = i;
  return forecastWaits({ ...rest, model: hallModelOf(learned.state, i.nowMs, learned.priorMinutes) });
}

describe("ForecastThread", () => {
  let thread: ForecastThread | undefined;
  afterEach(async () => thread?.close());

  it("when a forecast runs in the thread, then it is the inline forecast of the same input, and a closed thread refuses", async () => {
    thread = new ForecastThread();
    const inThread = await thread.compute(input());
    expect(inThread).toEqual(inline(input()));
    await thread.close();
    await expect(thread.compute(input())).rejects.toThrow(/closed/);
  }, 30_000);

  it("when the input is the live waiting index of 700 tickets of every kind, then the thread's forecast is the inline one", async () => {
    const queues = new WaitingQueues();
    const classes = ["normal", "elderly", "green", "appointment"] as const;
    for (let i = 0; i < 700; i++)
      queues.add({
        id: 700 - i,
        itemId: 1,
        priority: classes[i % 4]!,
        arrivedAt: NOW - i * 5000,
        appointmentAt: i % 4 === 3 ? NOW + (i % 40) * 60_000 : null,
        targetStaffId: i % 50 === 0 ? 1 : null,
        targetWindowId: i % 70 === 0 ? 1 : null,
      });
    const live = { ...input(), waiting: queues, runs: 20 };
    thread = new ForecastThread();
    const inThread = await thread.compute(live);
    const inlineResult = inline(live);
    expect(inThread.tickets.size).toBe(700);
    expect(inThread).toEqual(inlineResult);
    expect(inThread.tickets.get(700)).toEqual(inlineResult.tickets.get(700));
  }, 30_000);
});
