/**
 * Appointments: booked for an item and slot within the item's slot caps; the ID number is kept as a keyed hash, a
 * masked form and a sealed (encrypted) copy for the uploads that need it. Check-in by card or code turns an on-time
 * appointment into an appointment-priority ticket and a late one into a normal ticket; unclaimed ones are released.
 */
import { randomInt } from "node:crypto";
import type { BookAppointmentBody, BookedAppointment, IssuedTicket } from "@onewindow/contract";
import {
  checkInPriority,
  classifyCheckIn,
  isOpen,
  isUnclaimed,
  localDay,
  localMinutes,
  minutesOfDay,
} from "../domain/index.ts";
import { AppError } from "../errors.ts";
import { encryptField, idNumberHash, maskIdNumber, maskName } from "../security/index.ts";
import { prepared } from "../store/prepared.ts";
import type { HallContext } from "./context.ts";
import { insertTicket, type Issuer, areasServing } from "./tickets.ts";
import { ticketView } from "./views.ts";
import { waitInfo } from "./waitEstimate.ts";

interface AppointmentRow {
  id: number;
  item_id: number;
  slot_start: number;
  slot_end: number;
  code: string;
  state: "booked" | "checked_in" | "released" | "cancelled";
  ticket_id: number | null;
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const newCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");

export function bookAppointment(ctx: HallContext, body: BookAppointmentBody, bookedBy: string): BookedAppointment {
  const item = ctx.catalog.item(body.itemCode);
  if (!item) throw new AppError("not_found", `no active service item with code ${body.itemCode}`);
  const slotStart = Date.parse(body.slotStart);
  const slotMinutes = ctx.config.appointments.slotMinutes;
  const slotEnd = slotStart + slotMinutes * 60_000;
  const { weekday, minutes } = localMinutes(slotStart, ctx.config.timeZone);
  if (minutes % slotMinutes !== 0)
    throw new AppError("bad_request", `slotStart must fall on a ${slotMinutes}-minute boundary (local time)`);
  if (!isOpen(item.hours, weekday, minutes, minutes + slotMinutes))
    throw new AppError("item_closed", `${item.name} is not served in that slot`);
  return ctx.commit((tx) => {
    if (slotEnd <= tx.now) throw new AppError("bad_request", "that slot is already over");
    const slotCap = item.slotCaps.find((s) => minutes >= minutesOfDay(s.start) && minutes < minutesOfDay(s.end));
    // A time-slot cap covers a period of several booking slots: share it out evenly among them.
    const capacity = slotCap
      ? Math.max(
          1,
          Math.floor(
            slotCap.cap / Math.max(1, (minutesOfDay(slotCap.end) - minutesOfDay(slotCap.start)) / slotMinutes),
          ),
        )
      : ctx.config.appointments.defaultSlotCapacity;
    const taken = prepared<[number, number], { n: number }>(
      ctx.db,
      "SELECT count(*) AS n FROM appointments WHERE item_id = ? AND slot_start = ? AND state IN ('booked', 'checked_in')",
    ).get(item.id, slotStart)!.n;
    if (taken >= capacity) throw new AppError("cap_reached", `the slot is full (${capacity} appointments)`);
    const hash = idNumberHash(ctx.keyring, body.idNumber);
    const dup = prepared<[string, number, number], { id: number }>(
      ctx.db,
      "SELECT id FROM appointments WHERE id_hash = ? AND item_id = ? AND slot_start = ? AND state = 'booked'",
    ).get(hash, item.id, slotStart);
    if (dup) throw new AppError("conflict", "this person already holds that appointment");
    const code = newCode();
    const id = Number(
      prepared(
        ctx.db,
        `INSERT INTO appointments (item_id, slot_start, slot_end, code, id_hash, id_masked, id_sealed, name_masked,
           phone_sealed, state, booked_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', ?, ?)`,
      ).run(
        item.id,
        slotStart,
        slotEnd,
        code,
        hash,
        maskIdNumber(body.idNumber),
        encryptField(ctx.keyring, body.idNumber),
        body.name ? maskName(body.name) : null,
        body.phone ? encryptField(ctx.keyring, body.phone) : null,
        bookedBy,
        tx.now,
      ).lastInsertRowid,
    );
    tx.emit({ type: "appointment.booked", data: { appointmentId: id, itemCode: item.code, slotStart } });
    return { id, code, itemCode: item.code, slotStart, slotEnd };
  });
}

/** Check in by code or ID number: the nearest booked appointment of today becomes a ticket. */
export function checkIn(
  ctx: HallContext,
  key: { code?: string | undefined; idNumber?: string | undefined },
  issuer: Issuer,
): IssuedTicket & { late: boolean } {
  const result = ctx.commit((tx) => {
    const today = localDay(tx.now, ctx.config.timeZone);
    const candidates = key.code
      ? prepared<[string], AppointmentRow>(ctx.db, "SELECT * FROM appointments WHERE code = ?").all(key.code)
      : prepared<[string], AppointmentRow>(
          ctx.db,
          "SELECT * FROM appointments WHERE id_hash = ? ORDER BY slot_start",
        ).all(idNumberHash(ctx.keyring, key.idNumber ?? ""));
    const booked = candidates.filter(
      (a) => a.state === "booked" && localDay(a.slot_start, ctx.config.timeZone) === today,
    );
    if (booked.length === 0) throw new AppError("not_found", "no appointment for today was found");
    const a = booked.sort((x, y) => Math.abs(x.slot_start - tx.now) - Math.abs(y.slot_start - tx.now))[0]!;
    const verdict = classifyCheckIn({
      slotStartMs: a.slot_start,
      slotEndMs: a.slot_end,
      nowMs: tx.now,
      earlyMinutes: ctx.config.appointments.earlyMinutes,
      lateMinutes: ctx.config.appointments.lateMinutes,
    });
    const priority = checkInPriority(verdict);
    if (priority === null)
      throw new AppError(
        "invalid_state",
        verdict === "too-early"
          ? `check-in opens ${ctx.config.appointments.earlyMinutes} minutes before the slot`
          : "the appointment has passed and was released",
      );
    const item = ctx.catalog.itemsById.get(a.item_id)!;
    const late = verdict === "late";
    const t = insertTicket(ctx, tx, {
      item,
      priority,
      channel: "appointment",
      day: today,
      localMinute: localMinutes(tx.now, ctx.config.timeZone).minutes,
      appointment: { id: a.id, at: a.slot_start },
      issuer,
    });
    // The ticket carries the appointment's masked identity (hash + masked forms only).
    prepared(
      ctx.db,
      `UPDATE tickets SET (id_type, id_hash, id_masked, id_sealed, name_masked) =
         (SELECT 'resident', id_hash, id_masked, id_sealed, name_masked FROM appointments WHERE id = ?) WHERE id = ?`,
    ).run(a.id, t.id);
    prepared(ctx.db, "UPDATE appointments SET state = 'checked_in', ticket_id = ? WHERE id = ?").run(t.id, a.id);
    const row = {
      ...t,
      ...prepared<[number], { id_masked: string | null; name_masked: string | null }>(
        ctx.db,
        "SELECT id_masked, name_masked FROM tickets WHERE id = ?",
      ).get(t.id)!,
    };
    tx.emit({
      type: "ticket.issued",
      data: { ticket: ticketView(ctx, row), waiting: { [item.code]: ctx.queues.countByItem(String(item.id)) + 1 } },
    });
    tx.emit({ type: "appointment.checked_in", data: { appointmentId: a.id, ticketId: t.id, late } });
    return { row, late, itemId: item.id };
  });
  return {
    ticket: ticketView(ctx, result.row),
    ...waitInfo(ctx, result.itemId, result.row.id),
    areas: areasServing(ctx, result.itemId),
    late: result.late,
  };
}

/** Release appointments whose slot (plus the late window) has passed unclaimed; returns how many. */
export function releaseUnclaimed(ctx: HallContext): number {
  return ctx.commit((tx) => {
    const rows = prepared<[], AppointmentRow>(ctx.db, "SELECT * FROM appointments WHERE state = 'booked'")
      .all()
      .filter((a) => isUnclaimed(a.slot_end, tx.now, ctx.config.appointments.lateMinutes));
    if (rows.length === 0) return 0;
    const release = prepared(ctx.db, "UPDATE appointments SET state = 'released' WHERE id = ?");
    for (const a of rows) release.run(a.id);
    tx.emit({ type: "appointment.released", data: { appointmentIds: rows.map((a) => a.id) } });
    return rows.length;
  });
}

/** Appointments by state (released = unclaimed), for the supervisor's figures. */
export function appointmentCounts(ctx: HallContext): Record<AppointmentRow["state"], number> {
  const counts = { booked: 0, checked_in: 0, released: 0, cancelled: 0 };
  for (const r of prepared<[], { state: AppointmentRow["state"]; n: number }>(
    ctx.db,
    "SELECT state, count(*) AS n FROM appointments GROUP BY state",
  ).all())
    counts[r.state] = r.n;
  return counts;
}
