/**
 * Guarding sign-in against guessing without letting anyone lock a person out: failures are counted per (account,
 * source) in the database (so a restart forgets nothing), a run of them locks that pair only, and a supervisor can
 * clear an account's failures (audited, with a `staff.unlocked` event). The policy is security/loginLockout.ts;
 * the per-source request limit on the sign-in route (api/rateLimits.ts) bounds how fast any source can try.
 */
import { AppError } from "../errors.ts";
import { LoginLockout } from "../security/index.ts";
import type { HallContext } from "./context.ts";
import { staffRef } from "./views.ts";

/** Five wrong PINs or passwords from one source within 15 minutes lock that source out of that account for 15. */
export const SIGN_IN_LOCKOUT = new LoginLockout({ maxFailures: 5, windowMs: 900_000, lockMs: 900_000 });

/** The repositories sign-in guarding uses (held on the context). */
const storesOf = (ctx: HallContext) => ({ failures: ctx.store.loginFailures, audit: ctx.store.audit });

/** Throws `rate_limited` (429) while `source` is locked out of `employeeNo`; checked before any slow hash. */
export function assertMayTrySignIn(ctx: HallContext, employeeNo: string, source: string): void {
  const wait = SIGN_IN_LOCKOUT.lockedFor(storesOf(ctx).failures.run(employeeNo, source), ctx.clock());
  if (wait > 0)
    throw new AppError(
      "rate_limited",
      `too many wrong attempts from this machine: sign-in as ${employeeNo} is locked here for ` +
        `${Math.ceil(wait / 60_000)} more minutes (other machines are not affected; a supervisor can unlock)`,
    );
}

/** Count one wrong PIN or password for the pair (also for unknown numbers: a lock must not reveal who exists). */
export function recordSignInFailure(ctx: HallContext, employeeNo: string, source: string): void {
  const { failures } = storesOf(ctx);
  const now = ctx.clock();
  failures.save(
    employeeNo,
    source,
    SIGN_IN_LOCKOUT.afterFailure(failures.run(employeeNo, source), now),
    SIGN_IN_LOCKOUT.forgetBefore(now),
  );
}

/** A right PIN or password from `source` ends that pair's run (other sources' runs stay). */
export function recordSignInSuccess(ctx: HallContext, employeeNo: string, source: string): void {
  storesOf(ctx).failures.clearPair(employeeNo, source);
}

/** One locked (account, source) pair as supervisors see it; `lockedUntil` in epoch ms. */
export interface SignInLockout {
  employeeNo: string;
  source: string;
  failures: number;
  lockedUntil: number;
}

/** Pairs locked now, most recent first. */
export function listLockouts(ctx: HallContext): { lockouts: SignInLockout[] } {
  const now = ctx.clock();
  const { maxFailures, lockMs } = SIGN_IN_LOCKOUT.options;
  return {
    lockouts: storesOf(ctx)
      .failures.runsOfAtLeast(maxFailures, now - lockMs)
      .map((r) => ({
        employeeNo: r.employeeNo,
        source: r.source,
        failures: r.failures,
        lockedUntil: r.lastAt + lockMs,
      })),
  };
}

/**
 * A supervisor clears every failure of an account, from every source. Audited, with a `staff.unlocked` event when
 * there was something to clear; clearing nothing changes nothing. 404 for an employee number the hall does not know.
 */
export function unlockSignIn(
  ctx: HallContext,
  actorStaffId: number,
  employeeNo: string,
): { employeeNo: string; cleared: number } {
  const staff = ctx.catalog.staffByNo.get(employeeNo);
  if (!staff) throw new AppError("not_found", `no staff member ${employeeNo}`);
  const { failures, audit } = storesOf(ctx);
  return ctx.commit((tx) => {
    const cleared = failures.clearAccount(employeeNo);
    if (cleared > 0) {
      audit.record(tx.now, `staff:${actorStaffId}`, "unlock_sign_in", { employeeNo, sources: cleared });
      tx.emit({
        type: "staff.unlocked",
        data: { staff: staffRef(ctx, staff.id), by: staffRef(ctx, actorStaffId), sources: cleared },
      });
    }
    return { employeeNo, cleared };
  });
}
