/**
 * Set or reset a staff member's PIN or password (the admin API and the CLI). The secret is hashed (scrypt, the
 * hall's cost) before the transaction; the change is audited (never the secret) and clears the account's sign-in
 * lockouts, so a reset PIN works at once. Sessions already open stay open.
 */
import { AppError } from "../errors.ts";
import { hashSecret } from "../security/index.ts";
import type { HallContext } from "./context.ts";

/** Who sets it: an admin over the API, or the operator at the CLI. */
export type CredentialActor = { staffId: number } | "cli";

async function setCredential(
  ctx: HallContext,
  actor: CredentialActor,
  employeeNo: string,
  kind: "pin" | "password",
  secret: string,
): Promise<{ employeeNo: string }> {
  const staff = ctx.catalog.staffByNo.get(employeeNo);
  if (!staff?.active) throw new AppError("not_found", `no active staff member ${employeeNo}`);
  const encoded = await hashSecret(secret, { logN: ctx.config.hashCost, r: 8, p: 1 });
  return ctx.commit((tx) => {
    if (kind === "pin") ctx.store.credentials.setPinHash(staff.id, encoded);
    else ctx.store.credentials.setPasswordHash(staff.id, encoded);
    ctx.store.loginFailures.clearAccount(employeeNo);
    ctx.store.audit.record(tx.now, actor === "cli" ? "cli" : `staff:${actor.staffId}`, `set_${kind}`, { employeeNo });
    return { employeeNo };
  });
}

/**
 * Set the PIN (already checked against the contract's `Pin` rule: 6-12 digits) of an active staff member.
 * Throws AppError `not_found` for an unknown or inactive employee number.
 */
export function setStaffPin(ctx: HallContext, actor: CredentialActor, employeeNo: string, pin: string) {
  return setCredential(ctx, actor, employeeNo, "pin", pin);
}

/** Set the password (already checked: 8-200 characters) of an active staff member; as `setStaffPin`. */
export function setStaffPassword(ctx: HallContext, actor: CredentialActor, employeeNo: string, password: string) {
  return setCredential(ctx, actor, employeeNo, "password", password);
}
