/**
 * Appointments: booked for an item and slot within the item's slot caps; the ID number is kept as a keyed hash, a
 * masked form and a sealed (encrypted) copy for the uploads that need it. Check-in by card or code turns an on-time
 * appointment into an appointment-priority ticket and a late one into a normal ticket; unclaimed ones are released.
 */
import { randomInt } from "node:crypto";
import type { BookAppointmentBody, BookedAppointment, IssuedTicket } from "@onewindow/contract";
import { checkInPriority, classifyCheckIn, isOpen, isUnclaimed, minutesOfDay } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import { encryptField, idNumberHash, maskIdNumber, maskName } from "../security/index.ts";
import type { AppointmentState } from "../store/appointmentStore.ts";
import type { TicketRow } from "../store/ticketStore.ts";
import type { HallContext, Tx } from "./context.ts";
import { hallClock, serviceDay } from "./serviceDay.ts";
import { insertTicket, issuedTicket, refuseKioskOnePhase, type Issuer } from "./tickets.ts";
import { ticketView } from "./views.ts";

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const newCode = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");

export function bookAppointment(ctx: HallContext, body: BookAppointmentBody, bookedBy: string): BookedAppointment {
  const item = ctx.catalog.item(body.itemCode);
  if (!item) throw new AppError("not_found", `no active service item with code ${body.itemCode}`);
  const slotStart = Date.parse(body.slotStart);
  const slotMinutes = ctx.config.appointments.slotMinutes;
  const slotEnd = slotStart + slotMinutes * 60_000;
  const { weekday, minutes } = hallClock(ctx, slotStart);
  if (minutes % slotMinutes !== 0)
    throw new AppError("bad_request", `slotStart must fall on a ${slotMinutes}-minute boundary (local time)`);
  // Demo mode books at any hour, as it issues at any hour (services/tickets.ts), so the demo always has appointments.
  if (!isOpen(item.hours, weekday, minutes, minutes + slotMinutes) && !ctx.config.demoMode)
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
    const taken = ctx.store.appointments.takenInSlot(item.id, slotStart);
    if (taken >= capacity) throw new AppError("cap_reached", `the slot is full (${capacity} appointments)`);
    const hash = idNumberHash(ctx.keyring, body.idNumber);
    if (ctx.store.appointments.isBookedBy(hash, item.id, slotStart))
      throw new AppError("conflict", "this person already holds that appointment");
    const code = newCode();
    const id = ctx.store.appointments.insert({
      itemId: item.id,
      slotStart,
      slotEnd,
      code,
      idHash: hash,
      idMasked: maskIdNumber(body.idNumber),
      idSealed: encryptField(ctx.keyring, body.idNumber),
      idType: body.idType ?? null,
      nameMasked: body.name ? maskName(body.name) : null,
      phoneSealed: body.phone ? encryptField(ctx.keyring, body.phone) : null,
      bookedBy,
      createdAt: tx.now,
    });
    tx.emit({ type: "appointment.booked", data: { appointmentId: id, itemCode: item.code, slotStart } });
    return { id, code, itemCode: item.code, slotStart, slotEnd };
  });
}

/** What identifies the appointment at check-in: its code, or the ID number of the card read (with its type). */
export type CheckInKey = { code?: string | undefined; idNumber?: string | undefined; idType?: string | undefined };

/**
 * Check in by code or by an ID card read at the kiosk: the nearest booked appointment of today's service day becomes
 * a ticket. The ticket records the document type of the card read (`key.idType`), else the one the booking named,
 * else none (never a guessed "resident"). Its ticket is issued for the appointment's item, so it counts toward that
 * item's daily and time-slot caps, but a check-in is never refused by them: the booking was already limited by the
 * slot's capacity (domain/caps.ts, rule 3). One phase, for staff; a kiosk reserves (./reservations.ts).
 */
export function checkIn(ctx: HallContext, key: CheckInKey, issuer: Issuer): IssuedTicket & { late: boolean } {
  refuseKioskOnePhase(issuer, "checks appointments in");
  const result = ctx.commit((tx) => {
    const checked = checkInWithin(ctx, tx, key, issuer);
    announceCheckIn(ctx, tx, checked.row, checked.late);
    return checked;
  });
  return { ...issuedTicket(ctx, result.row), late: result.late };
}

/**
 * Inside `tx`: find the appointment `key` names, classify the check-in and insert its ticket (waiting, or reserved
 * for a kiosk's two-phase issue), marking the appointment checked in. Emits nothing. Throws AppError not_found (no
 * appointment today) or invalid_state (too early, or passed and released).
 */
export function checkInWithin(
  ctx: HallContext,
  tx: Tx,
  key: CheckInKey,
  issuer: Issuer,
  state: "waiting" | "reserved" = "waiting",
): { row: TicketRow; late: boolean } {
  const today = serviceDay(ctx, tx.now);
  const candidates = key.code
    ? ctx.store.appointments.byCode(key.code)
    : ctx.store.appointments.byIdHash(idNumberHash(ctx.keyring, key.idNumber ?? ""));
  const booked = candidates.filter((a) => a.state === "booked" && serviceDay(ctx, a.slot_start) === today);
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
  const t = insertTicket(ctx, tx, {
    item,
    priority,
    channel: "appointment",
    day: today,
    localMinute: hallClock(ctx, tx.now).minutes,
    appointment: { id: a.id, at: a.slot_start },
    issuer,
    state,
  });
  // The ticket carries the appointment's masked identity (hash + masked forms only) and the document's type.
  ctx.store.tickets.copyAppointmentIdentity(t.id, a.id, key.idNumber !== undefined ? (key.idType ?? null) : null);
  ctx.store.appointments.markCheckedIn(a.id, t.id);
  return { row: ctx.store.tickets.get(t.id)!, late: verdict === "late" };
}

/** The events of a check-in whose ticket now waits (at once, or when a kiosk confirmed its print). */
export function announceCheckIn(ctx: HallContext, tx: Tx, row: TicketRow, late: boolean): void {
  const item = ctx.catalog.itemsById.get(row.item_id)!;
  tx.emit({
    type: "ticket.issued",
    data: { ticket: ticketView(ctx, row), waiting: { [item.code]: ctx.queues.countByItem(item.id) + 1 } },
  });
  tx.emit({ type: "appointment.checked_in", data: { appointmentId: row.appointment_id!, ticketId: row.id, late } });
}

/** Release appointments whose slot (plus the late window) has passed unclaimed; returns how many. */
export function releaseUnclaimed(ctx: HallContext): number {
  return ctx.commit((tx) => {
    const rows = ctx.store.appointments
      .booked()
      .filter((a) => isUnclaimed(a.slot_end, tx.now, ctx.config.appointments.lateMinutes));
    if (rows.length === 0) return 0;
    for (const a of rows) ctx.store.appointments.release(a.id);
    tx.emit({ type: "appointment.released", data: { appointmentIds: rows.map((a) => a.id) } });
    return rows.length;
  });
}

/** Appointments by state (released = unclaimed), for the supervisor's figures. */
export function appointmentCounts(ctx: HallContext): Record<AppointmentState, number> {
  const counts = { booked: 0, checked_in: 0, released: 0, cancelled: 0 };
  for (const r of ctx.store.appointments.countsByState()) counts[r.state] = r.n;
  return counts;
}
