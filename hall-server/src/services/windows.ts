/**
 * A window's live state (who sits there, open or paused) and the guard every counter action starts with.
 *
 * A seat (windows.staff_id) only counts while its staff member holds a live session at that window: sessions last
 * 12 hours and end on revoke or release, so a seat whose session is gone is free even before the housekeeping
 * sweep (`releaseLapsedSeats`) clears it.
 */
import type { SignOutReason } from "@onewindow/contract";
import { AppError } from "../errors.ts";
import type { WindowRow } from "../store/catalogStore.ts";
import type { TicketRow } from "../store/ticketStore.ts";
import type { WindowStatePatch } from "../store/windowStore.ts";
import type { HallContext, Tx } from "./context.ts";
import { staffRef, windowRef } from "./views.ts";

/** The staff member and window a counter action comes from (from the staff session). */
export interface Station {
  staffId: number;
  windowId: number | null;
}

export function windowRow(ctx: HallContext, windowId: number): WindowRow {
  const w = ctx.store.windows.get(windowId);
  if (!w) throw new AppError("not_found", `no window with id ${windowId}`);
  return w;
}

/** Whether the staff member seated at `w` still has a live session there at `now`. */
export function hasLiveSeat(ctx: HallContext, w: Pick<WindowRow, "id" | "staff_id">, now: number): boolean {
  return w.staff_id !== null && ctx.store.windows.hasLiveSeat(w.id, w.staff_id, now);
}

/** Open (not paused) windows whose seated staff member has a live session: the windows that can serve now. */
export function servingWindows(ctx: HallContext, now: number): { id: number; staff_id: number }[] {
  return ctx.store.windows.serving(now);
}

/** Paused windows whose seated staff member still has a live session: windows that can open again at once. */
export function pausedWindows(ctx: HallContext, now: number): { id: number; staff_id: number }[] {
  return ctx.store.windows
    .active()
    .filter((w) => w.state === "paused" && hasLiveSeat(ctx, w, now))
    .map((w) => ({ id: w.id, staff_id: w.staff_id! }));
}

/** Windows still marked as taken whose staff member has no live session there any more. */
export function lapsedSeats(ctx: HallContext, now: number): WindowRow[] {
  return ctx.store.windows.lapsed(now);
}

/** Free a taken window inside `tx` and say why; the caller has checked that freeing it is allowed. */
export function vacateWindow(ctx: HallContext, tx: Tx, w: WindowRow, reason: SignOutReason): void {
  if (w.staff_id === null) return;
  setWindowState(ctx, w.id, { state: "closed", staff_id: null, pause_reason: null, paused_at: null });
  tx.emit({
    type: "staff.signed_out",
    data: { window: windowRef(ctx, w.id), staff: staffRef(ctx, w.staff_id), reason },
  });
}

/** The window a staff member is signed in at, refusing when they are not (any more). */
export function assertSignedInWindow(ctx: HallContext, staffId: number, windowId: number | null): WindowRow {
  if (windowId === null) throw new AppError("not_signed_in", "sign in at a window first");
  const w = windowRow(ctx, windowId);
  if (w.staff_id !== staffId || !hasLiveSeat(ctx, w, ctx.clock()))
    throw new AppError("not_signed_in", `you are not signed in at window ${w.number}`);
  return w;
}

/** Change a window's live state (seat, open/paused, priority streak). */
export function setWindowState(ctx: HallContext, windowId: number, patch: WindowStatePatch): void {
  ctx.store.windows.update({ ...windowRow(ctx, windowId), ...patch });
}

/** The window a staff member's seat is recorded at, if any (live or lapsed: see `hasLiveSeat`). */
export function windowOfStaff(ctx: HallContext, staffId: number): WindowRow | undefined {
  return ctx.store.windows.ofStaff(staffId);
}

/**
 * The refusal for a window that already holds a ticket, saying what frees it from the state that ticket is in:
 * a called ticket cannot be finished before it is started.
 */
export function windowBusy(windowNumber: number, busy: Pick<TicketRow, "number" | "state">): AppError {
  const free =
    busy.state === "called"
      ? `has called ticket ${busy.number}: start it, mark it a no-show or transfer it first`
      : `is serving ticket ${busy.number}: finish, hold or transfer it first`;
  return new AppError("window_busy", `window ${windowNumber} ${free}`);
}
