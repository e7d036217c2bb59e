/** Housekeeping run by timers: purge personal data past its retention period. */
import { prepared } from "../store/prepared.ts";
import type { HallContext } from "./context.ts";

/** Rows the purge touched, by table. */
export interface PurgeCounts {
  tickets: number;
  appointments: number;
  /** Log events whose ticket view still carried a masked name or ID number. */
  events: number;
}

// Events up to this seq are all older than an earlier cutoff and purged already: later runs start after it, so the
// six-hourly purge reads only the log written since (the log grows by thousands of events a day).
const WATERMARK = "personalDataPurgedThroughSeq";

/**
 * Erase masked names, ID hashes and sealed numbers older than `retentionDays`, in tickets, appointments and the
 * ticket views inside the event log (served again by GET /api/events, WebSocket replay and recent calls). One
 * transaction through `ctx.commit`; when anything was erased, a `personal_data.purged` event with the counts (no
 * personal data) records it.
 */
export function purgePersonalData(ctx: HallContext): PurgeCounts {
  return ctx.commit((tx) => {
    const cutoff = tx.now - ctx.config.retentionDays * 86_400_000;
    const tickets = prepared(
      ctx.db,
      `UPDATE tickets SET id_hash = NULL, id_masked = NULL, name_masked = NULL, id_sealed = NULL, name_sealed = NULL
       WHERE arrived_at < ? AND (id_hash IS NOT NULL OR id_masked IS NOT NULL OR name_masked IS NOT NULL
         OR id_sealed IS NOT NULL OR name_sealed IS NOT NULL)`,
    ).run(cutoff).changes;
    const appointments = prepared(
      ctx.db,
      `UPDATE appointments SET id_hash = NULL, id_masked = NULL, id_sealed = NULL, name_masked = NULL, phone_sealed = NULL
       WHERE created_at < ? AND (id_hash IS NOT NULL OR id_sealed IS NOT NULL OR phone_sealed IS NOT NULL OR name_masked IS NOT NULL)`,
    ).run(cutoff).changes;
    const events = purgeEventLog(ctx, cutoff);
    const counts = { tickets, appointments, events };
    if (tickets + appointments + events > 0)
      tx.emit({ type: "personal_data.purged", data: { before: cutoff, ...counts } });
    return counts;
  });
}

/** Null `ticket.nameMasked` / `ticket.idMasked` in events older than `cutoff`; returns events changed. */
function purgeEventLog(ctx: HallContext, cutoff: number): number {
  const from = Number(
    prepared<[string], { value: string }>(ctx.db, "SELECT value FROM settings WHERE key = ?").get(WATERMARK)?.value ??
      0,
  );
  // The first event at or after the cutoff bounds this run; clocks can step back, so later events are not assumed
  // older just because an earlier one is.
  const firstKept = prepared<[number, number], { seq: number }>(
    ctx.db,
    "SELECT seq FROM events WHERE seq > ? AND at >= ? ORDER BY seq LIMIT 1",
  ).get(from, cutoff)?.seq;
  const through = firstKept === undefined ? ctx.events.lastSeq() : firstKept - 1;
  if (through <= from) return 0;
  const changed = prepared<[number, number], unknown>(
    ctx.db,
    `UPDATE events SET data = json_set(data, '$.ticket.nameMasked', NULL, '$.ticket.idMasked', NULL)
     WHERE seq > ? AND seq <= ? AND (json_extract(data, '$.ticket.nameMasked') IS NOT NULL
       OR json_extract(data, '$.ticket.idMasked') IS NOT NULL)`,
  ).run(from, through).changes;
  prepared(
    ctx.db,
    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  ).run(WATERMARK, String(through));
  return changed;
}
