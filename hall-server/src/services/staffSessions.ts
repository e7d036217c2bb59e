/**
 * Staff sign in at any window (no fixed seating), pause with a reason, resume, sign out. A seat whose session ended
 * (expired, device revoked) is free: the next sign-in or the housekeeping sweep clears it, and a supervisor may
 * release the window of someone who walked away.
 */
import type { LoginResult, StaffLoginBody, WindowRef } from "@onewindow/contract";
import { AppError } from "../errors.ts";
import { dummyVerify, newToken, tokenHash, verifySecret } from "../security/index.ts";
import type { HallContext } from "./context.ts";
import { forgetPrincipals, type Principal } from "./principal.ts";
import { assertMayTrySignIn, recordSignInFailure, recordSignInSuccess } from "./signInGuard.ts";
import { staffRef, windowRef } from "./views.ts";
import {
  assertSignedInWindow,
  hasLiveSeat,
  lapsedSeats,
  setWindowState,
  vacateWindow,
  windowBusy,
  windowOfStaff,
  windowRow,
} from "./windows.ts";

const SESSION_HOURS = 12;

/**
 * Check credentials (slow hash) and open a session. With `windowNumber`, the caller must be a counter device of
 * that window, and the staff member takes the window; without, only supervisors and admins may sign in (admin page).
 * `source` is the caller's address: wrong credentials count against the pair (account, source) and lock only that
 * pair (see signInGuard.ts), so nobody can lock a person out from another machine.
 */
export async function staffLogin(
  ctx: HallContext,
  body: StaffLoginBody,
  caller: Principal | undefined,
  source: string,
): Promise<LoginResult> {
  assertMayTrySignIn(ctx, body.employeeNo, source);
  const staff = ctx.catalog.staffByNo.get(body.employeeNo);
  const hashes = staff?.active ? ctx.store.catalog.credentials(staff.id) : undefined;
  const encoded = body.pin !== undefined ? hashes?.pin_hash : hashes?.password_hash;
  const ok = encoded
    ? await verifySecret(body.pin ?? body.password ?? "", encoded)
    : (await dummyVerify(body.pin ?? body.password ?? "", { logN: ctx.config.hashCost, r: 8, p: 1 }), false);
  if (!staff || !ok) {
    recordSignInFailure(ctx, body.employeeNo, source);
    throw new AppError("unauthorized", "employee number or credentials are wrong");
  }
  recordSignInSuccess(ctx, body.employeeNo, source);

  let windowId: number | null = null;
  if (body.windowNumber !== undefined) {
    if (caller?.kind !== "device" || caller.deviceKind !== "counter")
      throw new AppError("forbidden", "signing in at a window needs a registered counter device");
    const w = ctx.catalog.windowsByNumber.get(body.windowNumber);
    if (!w?.active) throw new AppError("not_found", `no window ${body.windowNumber}`);
    if (caller.windowId !== w.id)
      throw new AppError("forbidden", `this counter device belongs to another window than ${body.windowNumber}`);
    windowId = w.id;
  } else if (staff.role === "staff") {
    throw new AppError("forbidden", "staff sign in at a window: give windowNumber");
  }

  const token = newToken();
  const items = windowId === null ? [] : [...ctx.catalog.eligibleItems(staff.id, windowId).keys()];
  ctx.commit((tx) => {
    if (windowId !== null) {
      const elsewhere = windowOfStaff(ctx, staff.id);
      if (elsewhere && elsewhere.id !== windowId) {
        if (hasLiveSeat(ctx, elsewhere, tx.now))
          throw new AppError(
            "conflict",
            `${staff.name} is already signed in at window ${elsewhere.number}: sign out there first`,
          );
        vacateWindow(ctx, tx, elsewhere, "session_expired");
      }
      const w = windowRow(ctx, windowId);
      if (w.staff_id !== null && !hasLiveSeat(ctx, w, tx.now)) vacateWindow(ctx, tx, w, "session_expired");
      else if (w.staff_id !== null && w.staff_id !== staff.id)
        throw new AppError(
          "conflict",
          `window ${w.number} is taken by ${ctx.catalog.staffById.get(w.staff_id)?.name ?? "someone"}`,
        );
      // A fresh sign-in replaces the staff member's older sessions at this window.
      ctx.store.sessions.deleteSeatsOf(staff.id);
      tx.after(() => forgetPrincipals(ctx));
      setWindowState(ctx, windowId, { state: "open", staff_id: staff.id, pause_reason: null, paused_at: null });
      tx.emit({ type: "staff.signed_in", data: { window: windowRef(ctx, windowId), staff: staffRef(ctx, staff.id) } });
    } else tx.emit({ type: "admin.signed_in", data: { staff: staffRef(ctx, staff.id), role: staff.role } });
    ctx.store.sessions.insert({
      tokenHash: tokenHash(ctx.keyring, token),
      staffId: staff.id,
      deviceId: caller?.kind === "device" ? caller.deviceId : null,
      windowId,
      createdAt: tx.now,
      expiresAt: tx.now + SESSION_HOURS * 3_600_000,
    });
  });
  return {
    token,
    staff: { ...staffRef(ctx, staff.id), role: staff.role, photo: staff.photo },
    window: windowId === null ? null : windowRef(ctx, windowId),
    items: items.map((id) => ctx.catalog.itemsById.get(id)!.code),
  };
}

/** End the session; at a window, free it (refused while a ticket is being called or served there). */
export function staffLogout(ctx: HallContext, p: Extract<Principal, { kind: "staff" }>): void {
  ctx.commit((tx) => {
    if (p.windowId !== null) {
      const w = windowRow(ctx, p.windowId);
      if (w.staff_id === p.staffId) {
        const busy = ctx.store.tickets.atWindow(w.id);
        if (busy) throw windowBusy(w.number, busy);
        vacateWindow(ctx, tx, w, "signed_out");
      }
    } else tx.emit({ type: "admin.signed_out", data: { staff: staffRef(ctx, p.staffId), role: p.role } });
    ctx.store.sessions.deleteToken(p.tokenHash);
    tx.after(() => forgetPrincipals(ctx));
  });
}

export function pauseWindow(ctx: HallContext, p: Extract<Principal, { kind: "staff" }>, reason: string): void {
  ctx.commit((tx) => {
    const w = assertSignedInWindow(ctx, p.staffId, p.windowId);
    if (w.state === "paused") throw new AppError("invalid_state", `window ${w.number} is already paused`);
    setWindowState(ctx, w.id, { state: "paused", pause_reason: reason, paused_at: tx.now });
    tx.emit({ type: "window.paused", data: { window: windowRef(ctx, w.id), staff: staffRef(ctx, p.staffId), reason } });
  });
}

export function resumeWindow(ctx: HallContext, p: Extract<Principal, { kind: "staff" }>): void {
  ctx.commit((tx) => {
    const w = assertSignedInWindow(ctx, p.staffId, p.windowId);
    if (w.state !== "paused") throw new AppError("invalid_state", `window ${w.number} is not paused`);
    setWindowState(ctx, w.id, { state: "open", pause_reason: null, paused_at: null });
    tx.emit({ type: "window.resumed", data: { window: windowRef(ctx, w.id), staff: staffRef(ctx, p.staffId) } });
  });
}

/**
 * A supervisor frees the window of a staff member who walked away: their session there ends and the window closes
 * (audited). Refused while a ticket is being called or served there: it must be finished or transferred first.
 */
export function releaseWindow(ctx: HallContext, actorStaffId: number, windowNumber: number): { window: WindowRef } {
  const cached = ctx.catalog.windowsByNumber.get(windowNumber);
  if (!cached?.active) throw new AppError("not_found", `no window ${windowNumber}`);
  return ctx.commit((tx) => {
    const w = windowRow(ctx, cached.id);
    if (w.staff_id === null) throw new AppError("invalid_state", `nobody is signed in at window ${w.number}`);
    const busy = ctx.store.tickets.atWindow(w.id);
    if (busy) throw windowBusy(w.number, busy);
    ctx.store.sessions.deleteAt(w.staff_id, w.id);
    ctx.store.audit.record(tx.now, `staff:${actorStaffId}`, "release_window", {
      windowNumber: w.number,
      employeeNo: staffRef(ctx, w.staff_id).employeeNo,
    });
    vacateWindow(ctx, tx, w, "released_by_supervisor");
    tx.after(() => forgetPrincipals(ctx));
    return { window: windowRef(ctx, w.id) };
  });
}

/**
 * Housekeeping: delete ended sessions and free every window whose staff member has no live session there (12-hour
 * expiry), each with a `staff.signed_out` event. A ticket still called or served there stays at the window for the
 * next person who signs in. Returns how many windows were freed.
 */
export function releaseLapsedSeats(ctx: HallContext): number {
  return ctx.commit((tx) => {
    const swept = ctx.store.sessions.deleteExpired(tx.now);
    if (swept > 0) tx.after(() => forgetPrincipals(ctx));
    const lapsed = lapsedSeats(ctx, tx.now);
    for (const w of lapsed) vacateWindow(ctx, tx, w, "session_expired");
    return lapsed.length;
  });
}
