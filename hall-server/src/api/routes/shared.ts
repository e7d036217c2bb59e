/**
 * Small pieces several route files share: the empty body, the plain "ok" answer, and who issues a ticket.
 */
import { z } from "zod";
import { AppError } from "../../errors.ts";
import type { Principal } from "../../services/principal.ts";
import type { Issuer } from "../../services/tickets.ts";

/** The body of an action that takes no input: `{}` and nothing else. */
export const EmptyBody = z.strictObject({});
/** The answer of an action that has nothing to report but success (`OkAnswer`). */
export const OK = { ok: true } as const;

/** Who issues a ticket (or checks an appointment in): a kiosk or the online hall's gateway, or a staff member. */
export function issuerOf(p: Principal | undefined): Issuer {
  if (p?.kind === "device") return { kind: "device", deviceId: p.deviceId, remote: p.deviceKind === "gateway" };
  if (p?.kind === "staff") return { kind: "staff", staffId: p.staffId };
  throw new AppError("forbidden", "tickets are issued by kiosks or staff");
}
