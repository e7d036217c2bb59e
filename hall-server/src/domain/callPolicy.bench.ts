// Target from the hall-server issue: call-next decision p99 ≤ 1 ms with 10,000 waiting tickets, 100 items and
// 500 windows. Run: npx vitest bench --run hall-server/src/domain  (read the p99 column).
import { bench, describe } from "vitest";
import { defaultCallPolicy, selectNext, type CallContext } from "./callPolicy.ts";
import { WaitingQueues } from "./waitingQueues.ts";

const NOW = Date.parse("2024-05-06T04:00:00Z");
const CLASSES = ["appointment", "green", "elderly", "normal", "normal", "normal", "normal", "normal"] as const;

// A deterministic linear congruential generator, so every run measures the same hall.
let seed = 42;
const rand = (n: number) => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};

const queues = new WaitingQueues();
for (let i = 0; i < 10_000; i++) {
  const priority = CLASSES[rand(CLASSES.length)]!;
  queues.add({
    id: i + 1,
    itemId: rand(100) + 1,
    priority,
    arrivedAt: NOW - rand(50 * 60_000),
    appointmentAt: priority === "appointment" ? NOW + rand(120 * 60_000) - 10 * 60_000 : null,
    targetStaffId: rand(100) === 0 ? rand(500) + 1 : null,
  });
}
const contexts: CallContext[] = Array.from({ length: 500 }, (_, w) => ({
  nowMs: NOW,
  windowId: w + 1,
  staffId: w + 1,
  // Worst case: every staff member may serve every item.
  eligibleItems: new Map(Array.from({ length: 100 }, (_, i) => [i + 1, 1 + ((i * 7 + w) % 10)] as const)),
  priorityStreak: w % 4,
}));

describe("selectNext", () => {
  let w = 0;
  bench("10,000 waiting, 100 items, 500 windows (all items eligible)", () => {
    selectNext(queues, contexts[w++ % 500]!, defaultCallPolicy);
  });
  bench("call, then the ticket leaves and a new one arrives (index upkeep included)", () => {
    const ctx = contexts[w++ % 500]!;
    const d = selectNext(queues, ctx, defaultCallPolicy);
    if (d) {
      const t = queues.get(d.ticketId)!;
      queues.remove(d.ticketId);
      queues.add({ ...t, targetStaffId: null, arrivedAt: NOW - rand(50 * 60_000) });
    }
  });
});
