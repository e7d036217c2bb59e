/** Who is calling: a registered device or a signed-in staff member. Resolved from the bearer token. */
import type { DeviceKind, Role } from "@onewindow/contract";
import { tokenHash } from "../security/index.ts";
import { prepared } from "../store/prepared.ts";
import type { HallContext } from "./context.ts";

export type Principal =
  | { kind: "device"; deviceId: number; deviceKind: DeviceKind; windowId: number | null }
  | { kind: "staff"; staffId: number; role: Role; windowId: number | null; deviceId: number | null; tokenHash: string };

/** The access tags a principal holds: its device kind, or its staff role. */
export function accessTag(p: Principal): DeviceKind | Role {
  return p.kind === "device" ? p.deviceKind : p.role;
}

/** Look a bearer token up among paired devices and live staff sessions. */
export function resolveToken(ctx: HallContext, token: string): Principal | undefined {
  const hash = tokenHash(ctx.keyring, token);
  const device = prepared<[string], { id: number; kind: DeviceKind; window_id: number | null }>(
    ctx.db,
    "SELECT id, kind, window_id FROM devices WHERE token_hash = ? AND revoked = 0",
  ).get(hash);
  if (device) return { kind: "device", deviceId: device.id, deviceKind: device.kind, windowId: device.window_id };
  const session = prepared<
    [string, number],
    { staff_id: number; window_id: number | null; device_id: number | null; role: Role }
  >(
    ctx.db,
    `SELECT s.staff_id, s.window_id, s.device_id, st.role FROM sessions s JOIN staff st ON st.id = s.staff_id
     WHERE s.token_hash = ? AND s.expires_at > ? AND st.active = 1`,
  ).get(hash, ctx.clock());
  if (session)
    return {
      kind: "staff",
      staffId: session.staff_id,
      role: session.role,
      windowId: session.window_id,
      deviceId: session.device_id,
      tokenHash: hash,
    };
  return undefined;
}
