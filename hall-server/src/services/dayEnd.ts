/**
 * The end of a service day (issue 7, item 5). Numbering restarts at the hall's local midnight, so a ticket still
 * waiting from an ended day can never be called: it expires (state `expired`, event `ticket.expired` that the screens
 * receive). A ticket called, in service or on hold at midnight is not touched: it finishes normally.
 *
 *   ctx.commit(change) ──> [day changed?] expireEndedDays(tx) ──> change(tx')    the first change after midnight
 *                          (a transaction of its own)                            expires them before it acts
 *   boot, dayEndTimer ──> closeEndedDays() ──> ctx.commit(...)        so screens hear of it at midnight itself
 *
 *   reads of the waiting index ──> todaysQueues(now)                   the counter's list, waiting counts and waits
 *                                  (memory only, no write)             never show an ended day's ticket meanwhile
 *
 * The day's end is a fact of the clock (domain/serviceDay.ts), not of a timer counted from start-up: whichever of
 * these runs first after the boundary does the work, and the others find nothing left to do.
 */
import type { ServiceDay, WaitingQueues } from "../domain/index.ts";
import type { HallContext, Tx } from "./context.ts";
import { serviceDay } from "./serviceDay.ts";
import { moveTicket } from "./ticketTransition.ts";
import { ticketView, waitingCounts } from "./views.ts";

/**
 * Inside `tx`: when the service day of `tx.now` is not the one the waiting index was last opened for, expire every
 * ticket still waiting from an earlier day, each with a `ticket.expired` event. Returns how many expired (0 at once
 * while the day is unchanged). `ctx.commit` runs it, in a transaction of its own, before the first change of a day.
 */
export function expireEndedDays(ctx: HallContext, tx: Tx): number {
  const today = serviceDay(ctx, tx.now);
  if (ctx.openDay === today) return 0;
  const stale = ctx.store.tickets.waitingBefore(today);
  // Out of the waiting index at once, not after the commit: a ticket of an ended day must never be offered, even if
  // this transaction were rolled back (the next change would expire it again).
  for (const t of stale) ctx.queues.remove(t.id);
  for (const t of stale) {
    const expired = moveTicket(ctx, tx, t, { type: "expire" });
    tx.emit({
      type: "ticket.expired",
      data: { ticket: ticketView(ctx, expired), waiting: waitingCounts(ctx, [t.item_id]), day: t.day },
    });
  }
  tx.after(() => (ctx.openDay = today));
  return stale.length;
}

/**
 * Close every ended service day now (at boot and when the day-end timer fires): `ctx.commit` expires what still
 * waits from ended days before an empty change. Returns how many tickets expired.
 */
export function closeEndedDays(ctx: HallContext): number {
  const waiting = ctx.store.tickets.waitingBefore(serviceDay(ctx, ctx.clock())).length;
  // `ctx.commit` expires them before running the (empty) change itself.
  ctx.commit(() => undefined);
  return waiting;
}

// The day each context's waiting index was last cleared for by a read (reads between midnight and the next change
// query the database once, not on every read).
const clearedFor = new WeakMap<HallContext, { queues: WaitingQueues; day: ServiceDay }>();

/**
 * The waiting index as a read at `atMs` may show it: when the service day has changed and no change has expired the
 * ended days' tickets yet, they are taken out of the index at once, in memory only (a read writes nothing; the next
 * change or the day-end timer expires them in the database with their events). Used by the counter's list, the
 * waiting counts of the snapshot and wait estimates, so no read shows a ticket of an ended day.
 */
export function todaysQueues(ctx: HallContext, atMs: number): WaitingQueues {
  const today = serviceDay(ctx, atMs);
  if (ctx.openDay === today) return ctx.queues;
  const cleared = clearedFor.get(ctx);
  if (cleared?.queues === ctx.queues && cleared.day === today) return ctx.queues;
  for (const t of ctx.store.tickets.waitingBefore(today)) ctx.queues.remove(t.id);
  clearedFor.set(ctx, { queues: ctx.queues, day: today });
  return ctx.queues;
}
