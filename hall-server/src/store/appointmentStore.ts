/** Appointments: booked slots with the ID number as keyed hash, masked form and sealed copy (never in clear). */
import type { Db } from "./db.ts";

export interface AppointmentRow {
  id: number;
  item_id: number;
  /** Epoch ms. */
  slot_start: number;
  slot_end: number;
  code: string;
  state: "booked" | "checked_in" | "released" | "cancelled";
  ticket_id: number | null;
  /** The identity document type the booking named (contract IdType), or null when it named none (migration 004). */
  id_type: string | null;
}

export type AppointmentState = AppointmentRow["state"];

/** Statements over `appointments`, prepared once per database. */
export class AppointmentStore {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      takenInSlot: db.prepare<[number, number], { n: number }>(
        "SELECT count(*) AS n FROM appointments WHERE item_id = ? AND slot_start = ? AND state IN ('booked', 'checked_in')",
      ),
      bookedBy: db.prepare<[string, number, number], { id: number }>(
        "SELECT id FROM appointments WHERE id_hash = ? AND item_id = ? AND slot_start = ? AND state = 'booked'",
      ),
      insert: db.prepare(
        `INSERT INTO appointments (item_id, slot_start, slot_end, code, id_hash, id_masked, id_sealed, id_type,
           name_masked, phone_sealed, state, booked_by, created_at)
         VALUES (@itemId, @slotStart, @slotEnd, @code, @idHash, @idMasked, @idSealed, @idType, @nameMasked, @phoneSealed,
           'booked', @bookedBy, @createdAt)`,
      ),
      byCode: db.prepare<[string], AppointmentRow>("SELECT * FROM appointments WHERE code = ?"),
      phoneSealed: db.prepare<[number], { phone_sealed: string | null }>(
        "SELECT phone_sealed FROM appointments WHERE id = ?",
      ),
      byIdHash: db.prepare<[string], AppointmentRow>(
        "SELECT * FROM appointments WHERE id_hash = ? ORDER BY slot_start",
      ),
      checkedIn: db.prepare<[number, number]>(
        "UPDATE appointments SET state = 'checked_in', ticket_id = ? WHERE id = ?",
      ),
      reopen: db.prepare<[number]>(
        "UPDATE appointments SET state = 'booked', ticket_id = NULL WHERE id = ? AND state = 'checked_in'",
      ),
      booked: db.prepare<[], AppointmentRow>("SELECT * FROM appointments WHERE state = 'booked'"),
      release: db.prepare<[number]>("UPDATE appointments SET state = 'released' WHERE id = ?"),
      counts: db.prepare<[], { state: AppointmentState; n: number }>(
        "SELECT state, count(*) AS n FROM appointments GROUP BY state",
      ),
      purge: db.prepare<[number]>(
        `UPDATE appointments SET id_hash = NULL, id_masked = NULL, id_sealed = NULL, name_masked = NULL, phone_sealed = NULL
         WHERE created_at < ? AND (id_hash IS NOT NULL OR id_sealed IS NOT NULL OR phone_sealed IS NOT NULL OR name_masked IS NOT NULL)`,
      ),
    };
  }

  /** The sealed phone number appointment `id` was booked with (ratings carry it), or null. */
  phoneSealed(id: number): string | null {
    return this.s.phoneSealed.get(id)?.phone_sealed ?? null;
  }

  /** Appointments booked or checked in for an item's slot starting at `slotStart` (epoch ms). */
  takenInSlot(itemId: number, slotStart: number): number {
    return this.s.takenInSlot.get(itemId, slotStart)!.n;
  }

  /** Whether the person with this ID hash already holds a booked appointment for the slot. */
  isBookedBy(idHash: string, itemId: number, slotStart: number): boolean {
    return this.s.bookedBy.get(idHash, itemId, slotStart) !== undefined;
  }

  /** Book a slot (state "booked"); personal data already hashed, masked and sealed by the caller. Returns the id. */
  insert(a: {
    itemId: number;
    slotStart: number;
    slotEnd: number;
    code: string;
    idHash: string;
    idMasked: string;
    idSealed: string;
    /** The document type the booking named, or null. */
    idType: string | null;
    nameMasked: string | null;
    phoneSealed: string | null;
    bookedBy: string;
    createdAt: number;
  }): number {
    return Number(this.s.insert.run(a).lastInsertRowid);
  }

  byCode(code: string): AppointmentRow[] {
    return this.s.byCode.all(code);
  }

  /** A person's appointments by slot time. */
  byIdHash(idHash: string): AppointmentRow[] {
    return this.s.byIdHash.all(idHash);
  }

  markCheckedIn(appointmentId: number, ticketId: number): void {
    this.s.checkedIn.run(ticketId, appointmentId);
  }

  /** Undo a check-in whose ticket never printed (a voided reservation): the booking is booked again. */
  reopen(appointmentId: number): void {
    this.s.reopen.run(appointmentId);
  }

  /** Every appointment still booked (not checked in, released or cancelled). */
  booked(): AppointmentRow[] {
    return this.s.booked.all();
  }

  release(appointmentId: number): void {
    this.s.release.run(appointmentId);
  }

  /** How many appointments are in each state (states with none are absent). */
  countsByState(): { state: AppointmentState; n: number }[] {
    return this.s.counts.all();
  }

  /** Erase personal data of appointments created before `cutoff` (epoch ms); returns rows changed. */
  purgePersonalData(cutoff: number): number {
    return this.s.purge.run(cutoff).changes;
  }
}
