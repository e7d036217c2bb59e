/** Durable commands for station agents (migration 006): queued by staff, delivered until the station answers. */
import type { DeviceCommandKind } from "@onewindow/contract";
import type { Db } from "./db.ts";

export interface DeviceCommandRow {
  id: number;
  device_id: number;
  kind: DeviceCommandKind;
  ticket_id: number;
  /** JSON of the contract's TicketPrintData without `nameMasked`. */
  print: string;
  created_at: number;
  created_by_staff: number | null;
  answered_at: number | null;
  ok: 0 | 1 | null;
  reason: string | null;
}

/** Statements over `device_commands`, prepared once per database. */
export class DeviceCommandStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare<[number, DeviceCommandKind, number, string, number, number | null]>(
        `INSERT INTO device_commands (device_id, kind, ticket_id, print, created_at, created_by_staff)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      get: db.prepare<[number], DeviceCommandRow>("SELECT * FROM device_commands WHERE id = ?"),
      pending: db.prepare<[number], DeviceCommandRow>(
        "SELECT * FROM device_commands WHERE device_id = ? AND answered_at IS NULL ORDER BY id",
      ),
      answer: db.prepare<[number, 0 | 1, string | null, number]>(
        "UPDATE device_commands SET answered_at = ?, ok = ?, reason = ? WHERE id = ? AND answered_at IS NULL",
      ),
    };
  }

  /** Queue a command; returns its id. */
  insert(c: Pick<DeviceCommandRow, "device_id" | "kind" | "ticket_id" | "print" | "created_at" | "created_by_staff">) {
    return Number(
      this.s.insert.run(c.device_id, c.kind, c.ticket_id, c.print, c.created_at, c.created_by_staff).lastInsertRowid,
    );
  }

  get(id: number): DeviceCommandRow | undefined {
    return this.s.get.get(id);
  }

  /** Commands of a device not yet answered, oldest first (what a (re)connecting socket is sent). */
  pending(deviceId: number): DeviceCommandRow[] {
    return this.s.pending.all(deviceId);
  }

  /** Record the station's answer; only the first answer counts (returns whether this one was recorded). */
  answer(id: number, at: number, ok: boolean, reason: string | null): boolean {
    return this.s.answer.run(at, ok ? 1 : 0, reason, id).changes === 1;
  }
}
