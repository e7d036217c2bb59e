/**
 * Reservations of the kiosk's two-phase issue (migration 006): which device holds a reserved number, under which
 * request key, until when, what it prints, and how it ended (printed, or voided with reason, time and actor).
 * Callers wrap writes in the change's transaction.
 */
import type { VoidReason } from "@onewindow/contract";
import type { Db } from "./db.ts";

export interface ReservationRow {
  ticket_id: number;
  device_id: number;
  request_key: string;
  expires_at: number;
  /** JSON of the contract's TicketPrintData without `nameMasked`. */
  print: string;
  printed_at: number | null;
  voided_at: number | null;
  void_reason: VoidReason | null;
  void_detail: string | null;
  voided_by_device: number | null;
  voided_by_staff: number | null;
}

/** Statements over `reservations`, prepared once per database. */
export class ReservationStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare<[number, number, string, number, string]>(
        "INSERT INTO reservations (ticket_id, device_id, request_key, expires_at, print) VALUES (?, ?, ?, ?, ?)",
      ),
      get: db.prepare<[number], ReservationRow>("SELECT * FROM reservations WHERE ticket_id = ?"),
      byKey: db.prepare<[number, string], ReservationRow>(
        "SELECT * FROM reservations WHERE device_id = ? AND request_key = ?",
      ),
      printed: db.prepare<[number, number]>("UPDATE reservations SET printed_at = ? WHERE ticket_id = ?"),
      renew: db.prepare<[number, number]>(
        "UPDATE reservations SET expires_at = max(expires_at, ?) WHERE ticket_id = ? AND printed_at IS NULL AND voided_at IS NULL",
      ),
      voided: db.prepare<[number, VoidReason, string | null, number | null, number | null, number]>(
        `UPDATE reservations SET voided_at = ?, void_reason = ?, void_detail = ?, voided_by_device = ?,
           voided_by_staff = ? WHERE ticket_id = ?`,
      ),
      lapsed: db.prepare<[number], ReservationRow>(
        `SELECT * FROM reservations WHERE printed_at IS NULL AND voided_at IS NULL AND expires_at <= ?
         ORDER BY expires_at`,
      ),
      ofDay: db.prepare<[string], ReservationRow>(
        "SELECT r.* FROM reservations r JOIN tickets t ON t.id = r.ticket_id WHERE t.day = ?",
      ),
    };
  }

  insert(r: Pick<ReservationRow, "ticket_id" | "device_id" | "request_key" | "expires_at" | "print">): void {
    this.s.insert.run(r.ticket_id, r.device_id, r.request_key, r.expires_at, r.print);
  }

  get(ticketId: number): ReservationRow | undefined {
    return this.s.get.get(ticketId);
  }

  /** The reservation `deviceId` made with `requestKey`, if any (keys are per device: another's key finds nothing). */
  byRequestKey(deviceId: number, requestKey: string): ReservationRow | undefined {
    return this.s.byKey.get(deviceId, requestKey);
  }

  /** Hold an open reservation at least until `expiresAt` (epoch ms); never shortens, never touches a settled one. */
  renew(ticketId: number, expiresAt: number): void {
    this.s.renew.run(expiresAt, ticketId);
  }

  markPrinted(ticketId: number, at: number): void {
    this.s.printed.run(at, ticketId);
  }

  markVoided(
    ticketId: number,
    v: { at: number; reason: VoidReason; detail: string | null; deviceId: number | null; staffId: number | null },
  ): void {
    this.s.voided.run(v.at, v.reason, v.detail, v.deviceId, v.staffId, ticketId);
  }

  /** Open reservations (neither printed nor voided) that lapse at or before `now` (epoch ms), oldest first. */
  lapsed(now: number): ReservationRow[] {
    return this.s.lapsed.all(now);
  }

  /** Every reservation of tickets of service day `day` ("YYYY-MM-DD"). */
  ofDay(day: string): ReservationRow[] {
    return this.s.ofDay.all(day);
  }
}
