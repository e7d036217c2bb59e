/** A window's live state (who sits there, open or paused) and the guard every counter action starts with. */
import { AppError } from "../errors.ts";
import type { WindowRow } from "../store/catalogStore.ts";
import { prepared } from "../store/prepared.ts";
import type { HallContext } from "./context.ts";

export function windowRow(ctx: HallContext, windowId: number): WindowRow {
  const w = prepared<[number], WindowRow>(ctx.db, "SELECT * FROM windows WHERE id = ?").get(windowId);
  if (!w) throw new AppError("not_found", `no window with id ${windowId}`);
  return w;
}

/** The window a staff member is signed in at, refusing when they are not (any more). */
export function assertSignedInWindow(ctx: HallContext, staffId: number, windowId: number | null): WindowRow {
  if (windowId === null) throw new AppError("not_signed_in", "sign in at a window first");
  const w = windowRow(ctx, windowId);
  if (w.staff_id !== staffId) throw new AppError("not_signed_in", `you are not signed in at window ${w.number}`);
  return w;
}

export function setWindowState(
  ctx: HallContext,
  windowId: number,
  patch: Partial<Pick<WindowRow, "state" | "staff_id" | "pause_reason" | "paused_at" | "priority_streak">>,
): void {
  const w = windowRow(ctx, windowId);
  const next = { ...w, ...patch };
  prepared(
    ctx.db,
    `UPDATE windows SET state = @state, staff_id = @staff_id, pause_reason = @pause_reason, paused_at = @paused_at,
       priority_streak = @priority_streak WHERE id = @id`,
  ).run(next);
}

/** Staff member signed in somewhere, if at all. */
export function windowOfStaff(ctx: HallContext, staffId: number): WindowRow | undefined {
  return prepared<[number], WindowRow>(ctx.db, "SELECT * FROM windows WHERE staff_id = ?").get(staffId);
}
