import { AppError } from "../errors.ts";
import type { Principal } from "../services/principal.ts";
import type { Station } from "../services/windows.ts";

/** The staff principal of a route that only staff reach (the access check already ran). */
export function staffOf(p: Principal | undefined): Extract<Principal, { kind: "staff" }> {
  if (p?.kind !== "staff") throw new AppError("forbidden", "this needs a staff sign-in");
  return p;
}

/** Who changes something, for audits: a signed-in staff member, or the operator at the hall's CLI ("cli"). */
export function actorOf(p: Principal | undefined): { staffId: number } | "cli" {
  if (p?.kind === "operator") return "cli";
  return { staffId: staffOf(p).staffId };
}

export function stationOf(p: Principal | undefined): Station {
  const s = staffOf(p);
  return { staffId: s.staffId, windowId: s.windowId };
}

export function deviceOf(p: Principal | undefined): Extract<Principal, { kind: "device" }> {
  if (p?.kind !== "device") throw new AppError("forbidden", "this needs a registered device");
  return p;
}

/** A positive integer path parameter, or a 400. */
export function idParam(params: Record<string, string>, name = "id"): number {
  const raw = params[name] ?? "";
  const n = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || n < 1)
    throw new AppError("bad_request", `${name} must be a positive integer, got "${raw}"`);
  return n;
}
