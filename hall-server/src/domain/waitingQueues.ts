/**
 * In-memory index of the hall's waiting tickets, shaped for the call policy.
 *
 *   untargeted ticket --> items[itemId].lists[class]   sorted; the policy reads only the head of each list
 *   targeted ticket   --> targeted["s:" staff | "w:" window | "p:" staff+window]   sorted by arrival
 *
 * Every list is kept sorted with binary insertion, because transfers and reactivated no-shows keep their
 * original arrival time and so land in the middle. Green/elderly/normal lists are ordered by arrival, then id;
 * the appointment list by slot time (appointmentAt, or arrival when the slot is unknown), then arrival, then id,
 * where ids are the store's row ids compared as numbers (ticket 9 before ticket 10 in the same millisecond),
 * so its head is the first appointment to fall due. Tickets targeted at a staff member or window live apart, so
 * a ticket that only one person may take never blocks the heads everybody else reads.
 *
 * The store is the truth: rebuild this index from it at boot and keep it in step in the same use case that
 * commits each change.
 */
// Types only: the forecast thread loads this module, and the contract's schemas (zod) would cost it about 30 MB.
import type { PriorityClass } from "@onewindow/contract";

/** A waiting ticket as the call policy sees it. Ids are the store's row ids (positive integers); times epoch ms. */
export type WaitingTicket = {
  id: number;
  itemId: number;
  priority: PriorityClass;
  /** When the citizen first arrived; kept across transfers and no-show reactivation. */
  arrivedAt: number;
  /** Start of the appointment slot for appointment tickets. */
  appointmentAt?: number | null;
  /** Only this staff member may take the ticket (a transfer to a person). */
  targetStaffId?: number | null;
  /** Only this window may take the ticket (a transfer to a window). */
  targetWindowId?: number | null;
};

/** Priority classes in call order, highest first; the index is the class's rank. */
export const CLASS_ORDER: readonly PriorityClass[] = ["appointment", "green", "elderly", "normal"];

/** The rank of each class in `CLASS_ORDER`. */
export const RANK: Readonly<Record<PriorityClass, number>> = { appointment: 0, green: 1, elderly: 2, normal: 3 };

type Ticket = Readonly<WaitingTicket>;
type Compare = (a: Ticket, b: Ticket) => number;

// Numeric, never lexical: "10" < "9" as strings, and the store's lists sort ids as numbers.
const byId = (a: Ticket, b: Ticket): number => a.id - b.id;

/** Arrival ascending, then id: the order of every list except the appointment one. */
export const compareArrival: Compare = (a, b) => a.arrivedAt - b.arrivedAt || byId(a, b);

/** The slot the appointment falls due at; an appointment ticket without a slot is due from its arrival. */
export function slotTime(t: Ticket): number {
  return t.appointmentAt ?? t.arrivedAt;
}

/** Slot ascending, then arrival, then id: the order of appointment lists. */
export const compareSlot: Compare = (a, b) => slotTime(a) - slotTime(b) || compareArrival(a, b);

interface SortedList {
  readonly items: Ticket[];
  readonly compare: Compare;
}

/** Index of the first element not less than `t` (lower bound). */
function lowerBound(list: SortedList, t: Ticket): number {
  let lo = 0;
  let hi = list.items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list.compare(list.items[mid]!, t) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface ItemQueue {
  /** One sorted list per class, indexed by rank. */
  readonly lists: readonly SortedList[];
  /** Waiting tickets of this item, targeted ones included. */
  count: number;
}

interface Entry {
  readonly ticket: Ticket;
  readonly list: SortedList;
  /** Set for untargeted tickets: the rank of their class list. */
  readonly rank: number | null;
}

/** The targeted list a ticket belongs to ("s:" staff, "w:" window, "p:" both), or null for an untargeted one. */
export const targetKey = (t: Ticket): string | null => {
  const staff = t.targetStaffId ?? null;
  const window = t.targetWindowId ?? null;
  if (staff !== null && window !== null) return `p:${staff}\u0000${window}`;
  if (staff !== null) return `s:${staff}`;
  if (window !== null) return `w:${window}`;
  return null;
};

/** The targeted lists a staff member at a window may take from (see `targetKey`). */
export const targetKeysOf = (staffId: number, windowId: number): string[] => [
  `s:${staffId}`,
  `w:${windowId}`,
  `p:${staffId}\u0000${windowId}`,
];

/** Whether `v` is a row id: a positive safe integer. */
export function isId(v: unknown): v is number {
  return Number.isSafeInteger(v) && (v as number) > 0;
}

function validate(t: WaitingTicket): void {
  const bad = (why: string) => new RangeError(`invalid waiting ticket ${JSON.stringify(t?.id)}: ${why}`);
  if (typeof t !== "object" || t === null) throw new RangeError("invalid waiting ticket: not an object");
  if (!isId(t.id)) throw bad("id must be a positive integer");
  if (!isId(t.itemId)) throw bad("itemId must be a positive integer");
  if (typeof t.priority !== "string" || !Object.hasOwn(RANK, t.priority))
    throw bad(`unknown priority class ${String(t.priority)}`);
  if (!Number.isFinite(t.arrivedAt)) throw bad("arrivedAt must be a finite epoch-ms number");
  if (t.appointmentAt != null && !Number.isFinite(t.appointmentAt)) throw bad("appointmentAt must be finite");
  for (const key of ["targetStaffId", "targetWindowId"] as const) {
    const v = t[key];
    if (v != null && !isId(v)) throw bad(`${key} must be a positive integer or null`);
  }
}

/**
 * The waiting tickets of one hall, indexed per item and priority class (see the file comment). All operations
 * are O(log n) searches plus an array shift of at most one list; reading a head is O(1).
 */
export class WaitingQueues implements Iterable<Ticket> {
  readonly #items = new Map<number, ItemQueue>();
  readonly #targeted = new Map<string, SortedList>();
  readonly #entries = new Map<number, Entry>();

  /** Number of waiting tickets. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Add a waiting ticket, or replace the one with the same id (an upsert: a transfer may simply re-add the
   * ticket with its new item or target). The ticket is copied, so later changes to the argument do not affect
   * the index. Throws RangeError on a malformed ticket and leaves the index unchanged.
   */
  add(t: WaitingTicket): void {
    validate(t);
    // Every field written out, never `{ ...t }`: V8 gives a frozen spread copy a slow map, and reading 20,000 of
    // them (the forecast's packing, the call policy) took 10-18 times as long, measured here.
    const ticket: Ticket = Object.freeze({
      id: t.id,
      itemId: t.itemId,
      priority: t.priority,
      arrivedAt: t.arrivedAt,
      appointmentAt: t.appointmentAt ?? null,
      targetStaffId: t.targetStaffId ?? null,
      targetWindowId: t.targetWindowId ?? null,
    });
    this.remove(ticket.id);
    const key = targetKey(ticket);
    const queue = this.#itemQueue(ticket.itemId);
    let list: SortedList;
    let rank: number | null = null;
    if (key === null) {
      rank = RANK[ticket.priority];
      list = queue.lists[rank]!;
    } else {
      list = this.#targeted.get(key) ?? { items: [], compare: compareArrival };
      this.#targeted.set(key, list);
    }
    list.items.splice(lowerBound(list, ticket), 0, ticket);
    queue.count += 1;
    this.#entries.set(ticket.id, { ticket, list, rank });
  }

  /** Remove a ticket by id; returns false when it was not waiting here. */
  remove(ticketId: number): boolean {
    const entry = this.#entries.get(ticketId);
    if (!entry) return false;
    const { list, ticket } = entry;
    const at = lowerBound(list, ticket);
    // The list is sorted by a total order on (key, id), so the lower bound is the ticket itself.
    if (list.items[at]?.id === ticketId) list.items.splice(at, 1);
    this.#entries.delete(ticketId);
    const queue = this.#items.get(ticket.itemId);
    if (queue) {
      queue.count -= 1;
      if (queue.count === 0) this.#items.delete(ticket.itemId);
    }
    const key = targetKey(ticket);
    if (key !== null && list.items.length === 0) this.#targeted.delete(key);
    return true;
  }

  /** Whether a ticket with this id is waiting. */
  has(ticketId: number): boolean {
    return this.#entries.has(ticketId);
  }

  /** The waiting ticket with this id (a frozen copy of what was added), or undefined. */
  get(ticketId: number): Ticket | undefined {
    return this.#entries.get(ticketId)?.ticket;
  }

  /** Waiting tickets of an item, targeted ones included. */
  countByItem(itemId: number): number {
    return this.#items.get(itemId)?.count ?? 0;
  }

  /**
   * People ahead of this ticket, or -1 when it is not waiting. For an untargeted ticket: every untargeted
   * ticket of its item in a higher class (appointment, green, elderly, normal) plus those ahead in its own class
   * — the order the policy calls them when skills and time-based rules (starvation, due slots) play no part.
   * For a targeted ticket: the tickets ahead of it with the same target.
   */
  position(ticketId: number): number {
    const entry = this.#entries.get(ticketId);
    if (!entry) return -1;
    let ahead = lowerBound(entry.list, entry.ticket);
    if (entry.rank !== null) {
      const queue = this.#items.get(entry.ticket.itemId)!;
      for (let r = 0; r < entry.rank; r++) ahead += queue.lists[r]!.items.length;
    }
    return ahead;
  }

  /** The first untargeted ticket of each class waiting for an item (classes with none are absent). */
  heads(itemId: number): Partial<Record<PriorityClass, Ticket>> {
    const out: Partial<Record<PriorityClass, Ticket>> = {};
    const queue = this.#items.get(itemId);
    if (!queue) return out;
    for (const cls of CLASS_ORDER) {
      const head = queue.lists[RANK[cls]]!.items[0];
      if (head) out[cls] = head;
    }
    return out;
  }

  /** The first untargeted ticket of one class of an item, or undefined. O(1): what the call policy reads. */
  head(itemId: number, cls: PriorityClass): Ticket | undefined {
    return this.#items.get(itemId)?.lists[RANK[cls]]?.items[0];
  }

  /**
   * The longest-waiting ticket this staff member at this window may take because it was targeted at them:
   * targeted at the staff member alone, at the window alone, or at both together. Undefined when none.
   */
  targetedHead(staffId: number, windowId: number): Ticket | undefined {
    let best: Ticket | undefined;
    for (const key of targetKeysOf(staffId, windowId)) {
      const head = this.#targeted.get(key)?.items[0];
      if (head && (!best || compareArrival(head, best) < 0)) best = head;
    }
    return best;
  }

  /** Every waiting ticket, in no particular order. */
  *[Symbol.iterator](): Iterator<Ticket> {
    for (const entry of this.#entries.values()) yield entry.ticket;
  }

  /** Every waiting ticket, in no particular order (same as iterating the queues). */
  values(): IterableIterator<Ticket> {
    return this[Symbol.iterator]() as IterableIterator<Ticket>;
  }

  #itemQueue(itemId: number): ItemQueue {
    let queue = this.#items.get(itemId);
    if (!queue) {
      queue = {
        lists: CLASS_ORDER.map((cls) => ({ items: [], compare: cls === "appointment" ? compareSlot : compareArrival })),
        count: 0,
      };
      this.#items.set(itemId, queue);
    }
    return queue;
  }
}
