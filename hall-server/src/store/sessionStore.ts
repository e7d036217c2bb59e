/** Staff sessions: a bearer token's hash, who holds it, through which device and at which window, until when. */
import type { Role } from "@onewindow/contract";
import type { Db } from "./db.ts";

/** A live session as token resolution needs it. */
export interface LiveSession {
  staff_id: number;
  window_id: number | null;
  device_id: number | null;
  role: Role;
  /** Epoch ms. */
  expires_at: number;
}

/** Statements over `sessions`, prepared once per database. */
export class SessionStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare<[string, number, number | null, number | null, number, number]>(
        "INSERT INTO sessions (token_hash, staff_id, device_id, window_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      live: db.prepare<[string, number], LiveSession>(
        `SELECT s.staff_id, s.window_id, s.device_id, s.expires_at, st.role FROM sessions s JOIN staff st ON st.id = s.staff_id
         WHERE s.token_hash = ? AND s.expires_at > ? AND st.active = 1`,
      ),
      deleteToken: db.prepare<[string]>("DELETE FROM sessions WHERE token_hash = ?"),
      deleteSeats: db.prepare<[number]>("DELETE FROM sessions WHERE staff_id = ? AND window_id IS NOT NULL"),
      deleteAt: db.prepare<[number, number]>("DELETE FROM sessions WHERE staff_id = ? AND window_id = ?"),
      deleteExpired: db.prepare<[number]>("DELETE FROM sessions WHERE expires_at <= ?"),
      windowsOfDevice: db.prepare<[number], { window_id: number }>(
        "SELECT DISTINCT window_id FROM sessions WHERE device_id = ? AND window_id IS NOT NULL",
      ),
      deleteDevice: db.prepare<[number]>("DELETE FROM sessions WHERE device_id = ?"),
    };
  }

  /** Open a session; times are epoch ms. */
  insert(s: {
    tokenHash: string;
    staffId: number;
    deviceId: number | null;
    windowId: number | null;
    createdAt: number;
    expiresAt: number;
  }): void {
    this.s.insert.run(s.tokenHash, s.staffId, s.deviceId, s.windowId, s.createdAt, s.expiresAt);
  }

  /** The session of a token hash, if it is live at `now` and its staff member is active. */
  live(tokenHash: string, now: number): LiveSession | undefined {
    return this.s.live.get(tokenHash, now);
  }

  /** End one session. */
  deleteToken(tokenHash: string): void {
    this.s.deleteToken.run(tokenHash);
  }

  /** End every window session of a staff member (a fresh sign-in replaces them). */
  deleteSeatsOf(staffId: number): void {
    this.s.deleteSeats.run(staffId);
  }

  /** End a staff member's sessions at one window. */
  deleteAt(staffId: number, windowId: number): void {
    this.s.deleteAt.run(staffId, windowId);
  }

  /** Delete sessions that ended at or before `now`; returns how many. */
  deleteExpired(now: number): number {
    return this.s.deleteExpired.run(now).changes;
  }

  /** Windows where a session opened through this device sits. */
  windowsOfDevice(deviceId: number): number[] {
    return this.s.windowsOfDevice.all(deviceId).map((r) => r.window_id);
  }

  /** End every session opened through this device. */
  deleteOfDevice(deviceId: number): void {
    this.s.deleteDevice.run(deviceId);
  }
}
