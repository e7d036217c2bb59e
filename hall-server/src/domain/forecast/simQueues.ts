/**
 * The waiting tickets as one forecast run sees them: the live queue's lists copied once (`SimQueueBase`), then per
 * run a cheap copy (`SimQueues`) whose tickets only ever leave from a head (the call policy calls heads) and join
 * at a tail (simulated arrivals come later than everyone waiting). So removal is a head index moving on, and
 * `selectNext` reads heads exactly as it does on the live `WaitingQueues`.
 */
import type { PriorityClass } from "@onewindow/contract";
import type { CallQueues } from "../callPolicy.ts";
import {
  CLASS_ORDER,
  compareArrival,
  compareSlot,
  RANK,
  targetKey,
  targetKeysOf,
  type WaitingTicket,
} from "../waitingQueues.ts";

type Ticket = Readonly<WaitingTicket>;

/** The live queue's tickets grouped and sorted as the policy reads them; shared by every run of one forecast. */
export interface SimQueueBase {
  /** itemId -> the four class lists (by rank), each sorted. */
  items: Map<number, Ticket[][]>;
  /** target key -> list sorted by arrival. */
  targeted: Map<string, Ticket[]>;
}

/** Group and sort waiting tickets like `WaitingQueues` does. */
export function simQueueBase(waiting: Iterable<Ticket>): SimQueueBase {
  const items = new Map<number, Ticket[][]>();
  const targeted = new Map<string, Ticket[]>();
  for (const t of waiting) {
    const key = targetKey(t);
    if (key !== null) {
      let list = targeted.get(key);
      if (!list) targeted.set(key, (list = []));
      list.push(t);
      continue;
    }
    let lists = items.get(t.itemId);
    if (!lists) items.set(t.itemId, (lists = CLASS_ORDER.map(() => [])));
    lists[RANK[t.priority]]!.push(t);
  }
  for (const lists of items.values())
    lists.forEach((list, rank) => list.sort(rank === RANK.appointment ? compareSlot : compareArrival));
  for (const list of targeted.values()) list.sort(compareArrival);
  return { items, targeted };
}

interface RunList {
  readonly tickets: Ticket[];
  at: number;
}

/** One run's queues over a shared base: heads move on as tickets are called; arrivals join at the tails. */
export class SimQueues implements CallQueues {
  readonly #items = new Map<number, RunList[]>();
  readonly #targeted = new Map<string, RunList>();

  constructor(base: SimQueueBase) {
    for (const [itemId, lists] of base.items)
      this.#items.set(
        itemId,
        lists.map((tickets) => ({ tickets: tickets.slice(), at: 0 })),
      );
    for (const [key, tickets] of base.targeted) this.#targeted.set(key, { tickets: tickets.slice(), at: 0 });
  }

  head(itemId: number, cls: PriorityClass): Ticket | undefined {
    const list = this.#items.get(itemId)?.[RANK[cls]];
    return list ? list.tickets[list.at] : undefined;
  }

  targetedHead(staffId: number, windowId: number): Ticket | undefined {
    // Most halls have no transferred ticket waiting: skip building the three keys.
    if (this.#targeted.size === 0) return undefined;
    let best: Ticket | undefined;
    for (const key of targetKeysOf(staffId, windowId)) {
      const list = this.#targeted.get(key);
      const head = list?.tickets[list.at];
      if (head && (!best || compareArrival(head, best) < 0)) best = head;
    }
    return best;
  }

  /**
   * Add an untargeted ticket that arrived after every ticket of its list (a simulated arrival, or a probe arriving
   * now). RangeError when it would not be last: the lists must stay sorted.
   */
  append(t: Ticket): void {
    let lists = this.#items.get(t.itemId);
    if (!lists) this.#items.set(t.itemId, (lists = CLASS_ORDER.map(() => ({ tickets: [], at: 0 }))));
    const list = lists[RANK[t.priority]]!;
    const last = list.tickets[list.tickets.length - 1];
    if (last && (t.priority === "appointment" ? compareSlot : compareArrival)(last, t) > 0)
      throw new RangeError(`ticket ${t.id} would not be last in its list`);
    list.tickets.push(t);
  }

  /** Take a called ticket out; it must be the head of its list (RangeError otherwise). */
  take(t: Ticket): void {
    const key = targetKey(t);
    const list = key === null ? this.#items.get(t.itemId)?.[RANK[t.priority]] : this.#targeted.get(key);
    if (!list || list.tickets[list.at] !== t) throw new RangeError(`ticket ${t.id} is not at the head of its list`);
    list.at += 1;
  }
}
