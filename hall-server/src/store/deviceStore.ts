/** Registered devices: pairing-code and token hashes (never the secrets), revocation and reported health. */
import type { DeviceKind } from "@onewindow/contract";
import type { Db } from "./db.ts";

export interface DeviceRow {
  id: number;
  name: string;
  kind: DeviceKind;
  window_id: number | null;
  token_hash: string | null;
  paired_at: number | null;
  revoked: number;
  /** JSON of the contract's DeviceView["health"]. */
  health: string;
}

/** Statements over `devices`, prepared once per database. */
export class DeviceStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare<[string, DeviceKind, number | null, string, number, number]>(
        "INSERT INTO devices (name, kind, window_id, pairing_code_hash, pairing_expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      get: db.prepare<[number], DeviceRow>("SELECT * FROM devices WHERE id = ?"),
      all: db.prepare<[], DeviceRow>("SELECT * FROM devices ORDER BY id"),
      byPairing: db.prepare<[string, number], DeviceRow>(
        "SELECT * FROM devices WHERE pairing_code_hash = ? AND pairing_expires_at > ? AND revoked = 0",
      ),
      byToken: db.prepare<[string], Pick<DeviceRow, "id" | "kind" | "window_id">>(
        "SELECT id, kind, window_id FROM devices WHERE token_hash = ? AND revoked = 0",
      ),
      pair: db.prepare<[string, number, number]>(
        "UPDATE devices SET token_hash = ?, paired_at = ?, pairing_code_hash = NULL, pairing_expires_at = NULL WHERE id = ?",
      ),
      revoke: db.prepare<[number]>("UPDATE devices SET revoked = 1, token_hash = NULL WHERE id = ?"),
      health: db.prepare<[string, number]>("UPDATE devices SET health = ? WHERE id = ?"),
    };
  }

  /** Register a device with the hash of its pairing code, valid until `pairingExpiresAt` (epoch ms); returns its id. */
  insert(d: {
    name: string;
    kind: DeviceKind;
    windowId: number | null;
    pairingCodeHash: string;
    pairingExpiresAt: number;
    createdAt: number;
  }): number {
    return Number(
      this.s.insert.run(d.name, d.kind, d.windowId, d.pairingCodeHash, d.pairingExpiresAt, d.createdAt).lastInsertRowid,
    );
  }

  get(id: number): DeviceRow | undefined {
    return this.s.get.get(id);
  }

  /** Every device by id, revoked ones included. */
  all(): DeviceRow[] {
    return this.s.all.all();
  }

  /** The unrevoked device whose pairing code has this hash and is still valid at `now`. */
  byPairingCode(codeHash: string, now: number): DeviceRow | undefined {
    return this.s.byPairing.get(codeHash, now);
  }

  /** The unrevoked device holding the token with this hash. */
  byToken(tokenHash: string): Pick<DeviceRow, "id" | "kind" | "window_id"> | undefined {
    return this.s.byToken.get(tokenHash);
  }

  /** Store the token hash and use up the pairing code. */
  pair(id: number, tokenHash: string, at: number): void {
    this.s.pair.run(tokenHash, at, id);
  }

  /** Revoke: the token stops working. */
  revoke(id: number): void {
    this.s.revoke.run(id);
  }

  /** Store reported health (JSON). */
  setHealth(id: number, healthJson: string): void {
    this.s.health.run(healthJson, id);
  }
}
