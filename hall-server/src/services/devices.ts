/** Device registry: an admin registers a device and gets a one-time pairing code; the device trades it for its token. */
import type { DeviceKind, DeviceView } from "@onewindow/contract";
import { AppError } from "../errors.ts";
import { newPairingCode, newToken, tokenHash } from "../security/index.ts";
import { prepared } from "../store/prepared.ts";
import type { HallContext } from "./context.ts";
import { forgetPrincipals } from "./principal.ts";
import { hasLiveSeat, vacateWindow, windowRow } from "./windows.ts";

const PAIRING_MINUTES = 15;

interface DeviceRow {
  id: number;
  name: string;
  kind: DeviceKind;
  window_id: number | null;
  token_hash: string | null;
  paired_at: number | null;
  revoked: number;
  health: string;
}

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
    const id = Number(
      prepared(
        ctx.db,
        "INSERT INTO devices (name, kind, window_id, pairing_code_hash, pairing_expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      ).run(input.name, input.kind, windowId, tokenHash(ctx.keyring, code), expiresAt, tx.now).lastInsertRowid,
    );
    const row = prepared<[number], DeviceRow>(ctx.db, "SELECT * FROM devices WHERE id = ?").get(id)!;
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
    const row = prepared<[string, number], DeviceRow>(
      ctx.db,
      "SELECT * FROM devices WHERE pairing_code_hash = ? AND pairing_expires_at > ? AND revoked = 0",
    ).get(tokenHash(ctx.keyring, code), tx.now);
    if (!row) throw new AppError("unauthorized", "pairing code is wrong, used or expired");
    prepared(
      ctx.db,
      "UPDATE devices SET token_hash = ?, paired_at = ?, pairing_code_hash = NULL, pairing_expires_at = NULL WHERE id = ?",
    ).run(tokenHash(ctx.keyring, token), tx.now, row.id);
    tx.emit({ type: "device.paired", data: { deviceId: row.id, name: row.name, kind: row.kind } });
    return { token, device: view(ctx, { ...row, paired_at: tx.now }) };
  });
}

export function listDevices(ctx: HallContext): DeviceView[] {
  return prepared<[], DeviceRow>(ctx.db, "SELECT * FROM devices ORDER BY id")
    .all()
    .map((d) => view(ctx, d));
}

/**
 * Revoke a device: its token stops working at once, its staff sessions end, and a window whose staff member was
 * signed in through it is freed in the same change (even mid-service: the device is no longer trusted).
 */
export function revokeDevice(ctx: HallContext, id: number): void {
  ctx.commit((tx) => {
    const row = prepared<[number], DeviceRow>(ctx.db, "SELECT * FROM devices WHERE id = ?").get(id);
    if (!row) throw new AppError("not_found", `no device with id ${id}`);
    // Revoking twice is harmless and records nothing new.
    if (row.revoked === 1) return;
    prepared(ctx.db, "UPDATE devices SET revoked = 1, token_hash = NULL WHERE id = ?").run(id);
    const seats = prepared<[number], { window_id: number }>(
      ctx.db,
      "SELECT DISTINCT window_id FROM sessions WHERE device_id = ? AND window_id IS NOT NULL",
    ).all(id);
    prepared(ctx.db, "DELETE FROM sessions WHERE device_id = ?").run(id);
    for (const { window_id } of seats) {
      const w = windowRow(ctx, window_id);
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
    const row = prepared<[number], DeviceRow>(ctx.db, "SELECT * FROM devices WHERE id = ?").get(deviceId)!;
    if (row.health === JSON.stringify(devices)) return;
    prepared(ctx.db, "UPDATE devices SET health = ? WHERE id = ?").run(JSON.stringify(devices), deviceId);
    tx.emit({ type: "device.health", data: { deviceId, name: row.name, devices } });
  });
}
