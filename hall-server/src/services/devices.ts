/** Device registry: an admin registers a device and gets a one-time pairing code; the device trades it for its token. */
import type { DeviceKind, DeviceView } from "@onewindow/contract";
import { AppError } from "../errors.ts";
import { newPairingCode, newToken, tokenHash } from "../security/index.ts";
import type { DeviceRow } from "../store/deviceStore.ts";
import type { HallContext } from "./context.ts";
import { forgetPrincipals } from "./principal.ts";
import { hasLiveSeat, vacateWindow, windowRow } from "./windows.ts";

const PAIRING_MINUTES = 15;

function view(ctx: HallContext, d: DeviceRow): DeviceView {
  return {
    id: d.id,
    name: d.name,
    kind: d.kind,
    windowNumber: d.window_id === null ? null : (ctx.catalog.windowsById.get(d.window_id)?.number ?? null),
    paired: d.paired_at !== null,
    revoked: d.revoked === 1,
    health: JSON.parse(d.health) as DeviceView["health"],
  };
}

/** Register a device; returns its pairing code, valid for 15 minutes and usable once. */
export function createDevice(
  ctx: HallContext,
  input: { name: string; kind: DeviceKind; windowNumber?: number | undefined },
): { device: DeviceView; pairingCode: string; expiresAt: number } {
  let windowId: number | null = null;
  if (input.windowNumber !== undefined) {
    const w = ctx.catalog.windowsByNumber.get(input.windowNumber);
    if (!w?.active) throw new AppError("not_found", `no window ${input.windowNumber}`);
    windowId = w.id;
  }
  if (input.kind === "counter" && windowId === null)
    throw new AppError("bad_request", "a counter device belongs to a window: give windowNumber");
  const code = newPairingCode();
  return ctx.commit((tx) => {
    const expiresAt = tx.now + PAIRING_MINUTES * 60_000;
    const id = ctx.store.devices.insert({
      name: input.name,
      kind: input.kind,
      windowId,
      pairingCodeHash: tokenHash(ctx.keyring, code),
      pairingExpiresAt: expiresAt,
      createdAt: tx.now,
    });
    const row = ctx.store.devices.get(id)!;
    const device = view(ctx, row);
    tx.emit({
      type: "device.created",
      data: {
        deviceId: id,
        name: row.name,
        kind: row.kind,
        windowNumber: device.windowNumber,
        pairingExpiresAt: expiresAt,
      },
    });
    return { device, pairingCode: code, expiresAt };
  });
}

/** Trade a pairing code for the device's bearer token (shown once; only its hash is stored). */
export function pairDevice(ctx: HallContext, code: string): { token: string; device: DeviceView } {
  const token = newToken();
  return ctx.commit((tx) => {
    const row = ctx.store.devices.byPairingCode(tokenHash(ctx.keyring, code), tx.now);
    if (!row) throw new AppError("unauthorized", "pairing code is wrong, used or expired");
    ctx.store.devices.pair(row.id, tokenHash(ctx.keyring, token), tx.now);
    tx.emit({ type: "device.paired", data: { deviceId: row.id, name: row.name, kind: row.kind } });
    return { token, device: view(ctx, { ...row, paired_at: tx.now }) };
  });
}

export function listDevices(ctx: HallContext): DeviceView[] {
  return ctx.store.devices.all().map((d) => view(ctx, d));
}

/**
 * Revoke a device: its token stops working at once, its staff sessions end, and a window whose staff member was
 * signed in through it is freed in the same change (even mid-service: the device is no longer trusted).
 */
export function revokeDevice(ctx: HallContext, id: number): void {
  ctx.commit((tx) => {
    const row = ctx.store.devices.get(id);
    if (!row) throw new AppError("not_found", `no device with id ${id}`);
    // Revoking twice is harmless and records nothing new.
    if (row.revoked === 1) return;
    ctx.store.devices.revoke(id);
    const seats = ctx.store.sessions.windowsOfDevice(id);
    ctx.store.sessions.deleteOfDevice(id);
    for (const windowId of seats) {
      const w = windowRow(ctx, windowId);
      if (w.staff_id !== null && !hasLiveSeat(ctx, w, tx.now)) vacateWindow(ctx, tx, w, "device_revoked");
    }
    tx.emit({
      type: "device.revoked",
      data: { deviceId: id, name: row.name, kind: row.kind, windowNumber: view(ctx, row).windowNumber },
    });
    tx.after(() => forgetPrincipals(ctx));
  });
}

/** A station agent reports the health of its local devices. */
export function reportHealth(ctx: HallContext, deviceId: number, devices: DeviceView["health"]): void {
  ctx.commit((tx) => {
    const row = ctx.store.devices.get(deviceId)!;
    if (row.health === JSON.stringify(devices)) return;
    ctx.store.devices.setHealth(deviceId, JSON.stringify(devices));
    tx.emit({ type: "device.health", data: { deviceId, name: row.name, devices } });
  });
}
