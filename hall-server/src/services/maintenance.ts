/** Housekeeping run by timers: purge personal data past its retention period. */
import type { HallContext } from "./context.ts";

/** Rows the purge touched, by table. */
export interface PurgeCounts {
  tickets: number;
  appointments: number;
  /** Log events whose ticket view still carried a masked name or ID number. */
  events: number;
  /** Service records whose applicant data was erased (and their outbox rows' copies). */
  serviceRecords: number;
}

// Events up to this seq are all older than an earlier cutoff and purged already: later runs start after it, so the
// six-hourly purge reads only the log written since (the log grows by thousands of events a day).
const WATERMARK = "personalDataPurgedThroughSeq";

/**
 * Erase masked names, ID hashes and sealed numbers older than `retentionDays`, in tickets, appointments, service
 * records (and their outbox rows) and the ticket views inside the event log (served again by GET /api/events, WebSocket replay and recent calls). One
 * transaction through `ctx.commit`; when anything was erased, a `personal_data.purged` event with the counts (no
 * personal data) records it.
 */
export function purgePersonalData(ctx: HallContext): PurgeCounts {
  return ctx.commit((tx) => {
    const cutoff = tx.now - ctx.config.retentionDays * 86_400_000;
    const tickets = ctx.store.tickets.purgePersonalData(cutoff);
    const appointments = ctx.store.appointments.purgePersonalData(cutoff);
    const events = purgeEventLog(ctx, cutoff);
    // Ratings keep the applicant's data for the provincial upload only as long as the tickets keep theirs.
    const serviceRecords = ctx.store.serviceRecords.purgePersonalData(cutoff);
    ctx.store.outbox.erasePersonalData(cutoff);
    const counts = { tickets, appointments, events, serviceRecords };
    if (tickets + appointments + events + serviceRecords > 0)
      tx.emit({ type: "personal_data.purged", data: { before: cutoff, ...counts } });
    return counts;
  });
}

/** Null `ticket.nameMasked` / `ticket.idMasked` in events older than `cutoff`; returns events changed. */
function purgeEventLog(ctx: HallContext, cutoff: number): number {
  const from = Number(ctx.store.settings.get(WATERMARK) ?? 0);
  // The first event at or after the cutoff bounds this run; clocks can step back, so later events are not assumed
  // older just because an earlier one is.
  const firstKept = ctx.events.firstAtOrAfter(from, cutoff);
  const through = firstKept === undefined ? ctx.events.lastSeq() : firstKept - 1;
  if (through <= from) return 0;
  const changed = ctx.events.eraseMaskedNames(from, through);
  ctx.store.settings.set(WATERMARK, String(through));
  return changed;
}
