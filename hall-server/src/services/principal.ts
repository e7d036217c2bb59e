/** Who is calling: a registered device or a signed-in staff member. Resolved from the bearer token. */
import type { DeviceKind, Role } from "@onewindow/contract";
import { tokenHash } from "../security/index.ts";
import type { HallContext } from "./context.ts";

export type Principal =
  | { kind: "device"; deviceId: number; deviceKind: DeviceKind; windowId: number | null }
  /** The hall's operator at this machine's CLI (the token in the lock file, accepted from this machine only). */
  | { kind: "operator" }
  | { kind: "staff"; staffId: number; role: Role; windowId: number | null; deviceId: number | null; tokenHash: string };

/** The access tags a principal holds: its device kind, or its staff role. */
export function accessTag(p: Principal): DeviceKind | Role {
  return p.kind === "device" ? p.deviceKind : p.kind === "operator" ? "admin" : p.role;
}

// Every request resolves its token: remember answers for up to a minute. Anything that ends a token (revoke,
// sign-out, a new sign-in, a catalogue import, the session sweep) calls forgetPrincipals, so ending one takes effect
// at once, for requests and for open WebSockets alike.
const CACHE_MS = 60_000;
const CACHE_MAX = 10_000;
const caches = new WeakMap<HallContext, Map<string, { principal: Principal; until: number }>>();

/**
 * Drop every remembered token answer of this hall-server and announce "credentials" on the bus (the WebSocket hub
 * then closes the channels whose token no longer resolves). Call it from `tx.after` of every change that ends one.
 */
export function forgetPrincipals(ctx: HallContext): void {
  caches.get(ctx)?.clear();
  ctx.bus.emit("credentials");
}

/** Look a bearer token up among paired devices and live staff sessions. */
export function resolveToken(ctx: HallContext, token: string): Principal | undefined {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new Map<string, { principal: Principal; until: number }>()));
  const now = ctx.clock();
  const hit = cache.get(token);
  if (hit && hit.until > now) return hit.principal;
  const found = lookUp(ctx, token, now);
  if (cache.size >= CACHE_MAX) cache.clear();
  if (found) cache.set(token, { principal: found.principal, until: Math.min(found.until, now + CACHE_MS) });
  else cache.delete(token);
  return found?.principal;
}

function lookUp(ctx: HallContext, token: string, now: number): { principal: Principal; until: number } | undefined {
  const hash = tokenHash(ctx.keyring, token);
  const device = ctx.store.devices.byToken(hash);
  if (device)
    return {
      principal: { kind: "device", deviceId: device.id, deviceKind: device.kind, windowId: device.window_id },
      until: Infinity,
    };
  const session = ctx.store.sessions.live(hash, now);
  if (session)
    return {
      principal: {
        kind: "staff",
        staffId: session.staff_id,
        role: session.role,
        windowId: session.window_id,
        deviceId: session.device_id,
        tokenHash: hash,
      },
      until: session.expires_at,
    };
  return undefined;
}
