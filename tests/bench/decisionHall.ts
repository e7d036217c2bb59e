/**
 * A synthetic busy hall for the in-process call-decision benchmark: many waiting tickets over many items in every
 * priority class (appointments with slots around now, a few transferred to a person or a window) and many windows,
 * each with its own random set of eligible items and skill weights. Deterministic for a given seed.
 */
import type { PriorityClass } from "@onewindow/contract";
import { WaitingQueues, type CallContext, type WaitingTicket } from "../../hall-server/src/domain/index.ts";
import { createRandom, type Random } from "./random.ts";

/** Size of the synthetic hall. */
export interface DecisionHallShape {
  tickets: number;
  items: number;
  windows: number;
  /** Smallest and largest number of eligible items per window. */
  eligibleMin: number;
  eligibleMax: number;
  seed: number;
  nowMs: number;
}

/** The brief's hall: 10,000 waiting tickets, 100 items, 500 windows with 5-60 eligible items each. */
export const busyHall: Readonly<DecisionHallShape> = Object.freeze({
  tickets: 10_000,
  items: 100,
  windows: 500,
  eligibleMin: 5,
  eligibleMax: 60,
  seed: 20240506,
  nowMs: Date.parse("2024-05-06T02:00:00Z"),
});

/** A built hall: the waiting index, one call context per window, and a generator for new arrivals. */
export interface DecisionHall {
  queues: WaitingQueues;
  windows: CallContext[];
  /** A fresh waiting ticket (new id) arriving at `nowMs`, drawn from the same mix. */
  arrival(nowMs: number): WaitingTicket;
}

// Roughly a weekday hall: mostly normal tickets, a tenth appointments, some elderly and green-channel ones.
const CLASS_MIX: readonly PriorityClass[] = [
  ...Array<PriorityClass>(70).fill("normal"),
  ...Array<PriorityClass>(10).fill("appointment"),
  ...Array<PriorityClass>(15).fill("elderly"),
  ...Array<PriorityClass>(5).fill("green"),
];
const MINUTE = 60_000;

function drawTicket(rnd: Random, shape: DecisionHallShape, id: number, arrivedAt: number): WaitingTicket {
  const priority = rnd.pick(CLASS_MIX);
  const roll = rnd.int(100);
  return {
    id,
    itemId: rnd.int(shape.items) + 1,
    priority,
    arrivedAt,
    // Slots from 10 min ago to 2 h ahead, so some are due and some are not.
    appointmentAt: priority === "appointment" ? shape.nowMs + (rnd.int(130) - 10) * MINUTE : null,
    // 2% transferred: to a person, to a window, or to a person at a window.
    targetStaffId: roll < 1 || roll === 2 ? rnd.int(shape.windows) + 1 : null,
    targetWindowId: roll === 1 || roll === 2 ? rnd.int(shape.windows) + 1 : null,
  };
}

/** Build the hall. RangeError when the shape is inconsistent (eligibleMax > items, or a count below 1). */
export function buildDecisionHall(shape: DecisionHallShape = busyHall): DecisionHall {
  const { tickets, items, windows, eligibleMin, eligibleMax } = shape;
  if (!(
    tickets >= 1 &&
    items >= 1 &&
    windows >= 1 &&
    eligibleMin >= 1 &&
    eligibleMin <= eligibleMax &&
    eligibleMax <= items
  ))
    throw new RangeError(`inconsistent decision hall shape ${JSON.stringify(shape)}`);
  const rnd = createRandom(shape.seed);
  const queues = new WaitingQueues();
  // Arrivals over the last 70 minutes, so the 60-minute starvation rule has work to do too.
  for (let i = 0; i < tickets; i++) queues.add(drawTicket(rnd, shape, i + 1, shape.nowMs - rnd.int(70 * MINUTE)));
  const itemIds = Array.from({ length: items }, (_, i) => i + 1);
  const contexts: CallContext[] = Array.from({ length: windows }, (_, w) => {
    const eligible = new Map<number, number>();
    const want = eligibleMin + rnd.int(eligibleMax - eligibleMin + 1);
    while (eligible.size < want) eligible.set(rnd.pick(itemIds), 1 + rnd.int(10));
    return {
      nowMs: shape.nowMs,
      windowId: w + 1,
      staffId: w + 1,
      eligibleItems: eligible,
      priorityStreak: rnd.int(4),
    };
  });
  let nextId = tickets;
  return {
    queues,
    windows: contexts,
    arrival: (nowMs) => drawTicket(rnd, shape, nextId++ + 1, nowMs),
  };
}
