/** Housekeeping run by timers: purge personal data past its retention period. */
import { prepared } from "../store/prepared.ts";
import type { HallContext } from "./context.ts";

/** Erase masked names, ID hashes and sealed numbers older than `retentionDays`; returns rows touched. */
export function purgePersonalData(ctx: HallContext): { tickets: number; appointments: number } {
  const cutoff = ctx.clock() - ctx.config.retentionDays * 86_400_000;
  return ctx.db.transaction(() => ({
    tickets: prepared(
      ctx.db,
      `UPDATE tickets SET id_hash = NULL, id_masked = NULL, name_masked = NULL, id_sealed = NULL, name_sealed = NULL
       WHERE arrived_at < ? AND (id_hash IS NOT NULL OR id_masked IS NOT NULL OR name_masked IS NOT NULL
         OR id_sealed IS NOT NULL OR name_sealed IS NOT NULL)`,
    ).run(cutoff).changes,
    appointments: prepared(
      ctx.db,
      `UPDATE appointments SET id_hash = NULL, id_masked = NULL, id_sealed = NULL, name_masked = NULL, phone_sealed = NULL
       WHERE created_at < ? AND (id_hash IS NOT NULL OR id_sealed IS NOT NULL OR phone_sealed IS NOT NULL OR name_masked IS NOT NULL)`,
    ).run(cutoff).changes,
  }))();
}
