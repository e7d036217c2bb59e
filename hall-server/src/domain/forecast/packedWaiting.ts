/**
 * The waiting tickets as columns of numbers, the form in which the forecast's input crosses to its worker thread.
 *
 * Why: sending 20,000 ticket objects by structured clone cost the hall's event loop about 6 ms a recompute (and the
 * array spread before it 3 ms), measured here; writing seven typed arrays and transferring them costs a fraction.
 * Absent values (no appointment slot, no target) are NaN.
 */
import type { PriorityClass } from "@onewindow/contract";
import { CLASS_ORDER, RANK, type WaitingTicket } from "../waitingQueues.ts";

/** Row i of every column is one ticket; `priority` holds the class's rank (`RANK`); times epoch ms. */
export interface PackedWaiting {
  id: Float64Array;
  itemId: Float64Array;
  priority: Uint8Array;
  arrivedAt: Float64Array;
  appointmentAt: Float64Array;
  targetStaffId: Float64Array;
  targetWindowId: Float64Array;
}

const orNaN = (v: number | null | undefined): number => v ?? Number.NaN;
const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

function allocate(capacity: number): PackedWaiting {
  return {
    id: new Float64Array(capacity),
    itemId: new Float64Array(capacity),
    priority: new Uint8Array(capacity),
    arrivedAt: new Float64Array(capacity),
    appointmentAt: new Float64Array(capacity),
    targetStaffId: new Float64Array(capacity),
    targetWindowId: new Float64Array(capacity),
  };
}

/** Each column's first `length` rows, as views of the same buffers (what a transfer then hands over). */
function firstRows(p: PackedWaiting, length: number): PackedWaiting {
  const q = {} as Record<keyof PackedWaiting, Float64Array | Uint8Array>;
  for (const [key, column] of Object.entries(p) as [keyof PackedWaiting, Float64Array | Uint8Array][])
    q[key] = column.subarray(0, length);
  return q as PackedWaiting;
}

/**
 * Pack `tickets` in one pass (the live `WaitingQueues` is iterated once; its iterator is the costly part). Columns
 * grow by doubling, so they may be views of larger buffers.
 */
export function packWaiting(tickets: Iterable<Readonly<WaitingTicket>>): PackedWaiting {
  let p = allocate(256);
  let i = 0;
  for (const t of tickets) {
    if (i === p.id.length) {
      const grown = allocate(2 * i);
      for (const key of Object.keys(p) as (keyof PackedWaiting)[]) grown[key].set(p[key]);
      p = grown;
    }
    p.id[i] = t.id;
    p.itemId[i] = t.itemId;
    p.priority[i] = RANK[t.priority];
    p.arrivedAt[i] = t.arrivedAt;
    p.appointmentAt[i] = orNaN(t.appointmentAt);
    p.targetStaffId[i] = orNaN(t.targetStaffId);
    p.targetWindowId[i] = orNaN(t.targetWindowId);
    i += 1;
  }
  return firstRows(p, i);
}

/** The tickets back as objects (in the worker, where the forecast's simulation reads them). */
export function unpackWaiting(p: PackedWaiting): WaitingTicket[] {
  return Array.from(p.id, (id, i) => ({
    id,
    itemId: p.itemId[i]!,
    priority: CLASS_ORDER[p.priority[i]!] as PriorityClass,
    arrivedAt: p.arrivedAt[i]!,
    appointmentAt: orNull(p.appointmentAt[i]!),
    targetStaffId: orNull(p.targetStaffId[i]!),
    targetWindowId: orNull(p.targetWindowId[i]!),
  }));
}

/** The buffers to transfer to another thread. */
export function packedTransferList(p: PackedWaiting): ArrayBuffer[] {
  return Object.values(p).map((c: Float64Array | Uint8Array) => c.buffer as ArrayBuffer);
}
