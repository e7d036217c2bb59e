/**
 * The kiosk's two-phase issue: a number is reserved (held, not callable, not waiting, not announced), the station
 * prints it, then confirms (the ticket waits and is announced) or voids it (a recorded gap with its reason). A
 * reservation nobody confirms lapses after `issue.reservationTimeoutSeconds` and is voided as "unconfirmed_timeout".
 *
 *   reserve (requestKey) --> ticket "reserved" + reservation row (device, key, expiresAt, print data) --> ticket.reserved
 *   printed              --> moveTicket confirmPrint --> "waiting" (queue, counts)                   --> ticket.issued
 *   void / lapse         --> moveTicket void         --> "voided" (caps released, booking reopened) --> ticket.voided
 *
 * Every step is one transaction, so a crash at any point leaves the ticket reserved (confirmable until it lapses),
 * waiting or voided: never both, never lost. The number is taken from the prefix's counter like any other, so numbers
 * never repeat, and a voided one keeps its row: `ticketLedger` explains every number of a day.
 */
import type {
  IssuedTicket,
  LedgerEntry,
  ReservedTicket,
  ReserveTicketBody,
  TicketLedger,
  TicketPrintData,
  TicketView,
  VoidReason,
} from "@onewindow/contract";
import { sequenceOf } from "../domain/index.ts";
import { AppError } from "../errors.ts";
import type { ReservationRow } from "../store/reservationStore.ts";
import type { TicketRow } from "../store/ticketStore.ts";
import { announceCheckIn, checkInWithin } from "./appointments.ts";
import type { HallContext, Tx } from "./context.ts";
import { serviceDay } from "./serviceDay.ts";
import { moveTicket } from "./ticketTransition.ts";
import { getTicket, issuableItem, issuedTicket, issueWithin, type Issuer } from "./tickets.ts";
import { staffRef, ticketView } from "./views.ts";
import { waitInfo } from "./waitEstimate.ts";

/** Who voids a reservation: the kiosk that reserved it, a supervisor, or the hall itself (the lapse sweep). */
export type Voider = { kind: "device"; deviceId: number } | { kind: "staff"; staffId: number } | { kind: "sweep" };

/** The print data of a reservation as stored (without the masked name, which stays on the ticket for the purge). */
type StoredPrint = Omit<TicketPrintData, "nameMasked">;

/** The link printed on a ticket: the hall's public base URL, else its listen origin, + "/t/" + the ticket's token. */
function statusUrl(ctx: HallContext, publicToken: string): string {
  const base = (ctx.config.publicBaseUrl ?? ctx.listenOrigin ?? `http://${ctx.config.host}:${ctx.config.port}`).replace(
    /\/+$/,
    "",
  );
  return `${base}/t/${encodeURIComponent(publicToken)}`;
}

/** What the station prints for `row`, computed now (its place among those waiting for the item, where to go). */
function printDataOf(ctx: HallContext, row: TicketRow): StoredPrint {
  const item = ctx.catalog.itemsById.get(row.item_id)!;
  const wait = waitInfo(ctx, item.id);
  return {
    hallName: ctx.config.hallName,
    itemCode: item.code,
    itemName: item.name,
    number: row.number,
    issuedAt: row.arrived_at,
    ahead: wait.peopleAhead,
    expectedWaitMinutes: wait.expectedWaitMinutes,
    waitRangeMinutes: wait.waitRangeMinutes,
    staffed: wait.staffed,
    areas: ctx.catalog.areasServing(item.id),
    windows: ctx.catalog.windowsServing(item.id).map(String),
    materialsHint: item.materials.join("\n"),
    statusUrl: statusUrl(ctx, row.public_token),
    reprint: false,
  };
}

/** Stored print data with the ticket's masked name (while it still has one) and the reprint flag. */
export function printView(stored: string, row: TicketRow, reprint: boolean): TicketPrintData {
  const print = JSON.parse(stored) as Omit<StoredPrint, "waitRangeMinutes" | "staffed"> & Partial<StoredPrint>;
  // Reservations stored before the range was printed: the expected wait as a one-figure range, staffed.
  const expected = Math.round(print.expectedWaitMinutes);
  return {
    ...print,
    waitRangeMinutes: print.waitRangeMinutes ?? { low: expected, high: expected },
    staffed: print.staffed ?? true,
    ...(row.name_masked === null ? {} : { nameMasked: row.name_masked }),
    reprint,
  };
}

function reservedView(ctx: HallContext, r: ReservationRow, row: TicketRow): ReservedTicket {
  return {
    ticket: ticketView(ctx, row),
    expiresAt: r.expires_at,
    print: printView(r.print, row, false),
    ...(row.appointment_id === null ? {} : { late: row.priority !== "appointment" }),
  };
}

/**
 * A retry of the reservation `r` made with the same request key: the same request answers the same reservation; a
 * different one under a used key is refused (409 conflict), never given a second number, and changes nothing.
 * With `renew` (a retry outside the reserving transaction) the hold is refreshed: a retry comes from an agent that
 * is alive and about to print (or print again after a restart), so an open reservation is held for a full timeout
 * from now, and paper started within the answer's `expiresAt` can always be confirmed; a lapsed one is voided first
 * (as confirm and void do), so a retry never answers "reserved" for a number the sweep is about to void.
 */
function replayed(ctx: HallContext, r: ReservationRow, body: ReserveTicketBody, renew: boolean): ReservedTicket {
  const first = getTicket(ctx, r.ticket_id);
  const item = ctx.catalog.itemsById.get(first.issued_item_id);
  const same =
    body.issue !== undefined
      ? first.appointment_id === null && item?.code === body.issue.itemCode
      : first.appointment_id !== null;
  if (!same)
    throw new AppError(
      "conflict",
      `requestKey ${r.request_key} was already used for ticket ${first.number}: make a new key`,
    );
  if (!renew) return reservedView(ctx, r, first);
  sweepLapsedReservations(ctx);
  return ctx.commit((tx) => {
    ctx.store.reservations.renew(r.ticket_id, tx.now + ctx.config.issue.reservationTimeoutSeconds * 1000);
    return reservedView(ctx, ctx.store.reservations.get(r.ticket_id)!, getTicket(ctx, r.ticket_id));
  });
}

/**
 * Reserve a number for kiosk `deviceId`: a walk-in ticket (`issue`, refused as POST /api/tickets refuses: item,
 * card, hours, caps) or an appointment check-in (`checkIn`). The ticket is "reserved" until confirmed printed or
 * voided, and holds its place under the item's caps. The same `requestKey` again from the same device answers the
 * same reservation. Throws AppError as issue and check-in do, and conflict for a key reused for another request.
 */
export function reserveTicket(ctx: HallContext, deviceId: number, body: ReserveTicketBody): ReservedTicket {
  const issuer: Issuer = { kind: "device", deviceId };
  const earlier = ctx.store.reservations.byRequestKey(deviceId, body.requestKey);
  if (earlier) return replayed(ctx, earlier, body, true);
  const item = body.issue && issuableItem(ctx, body.issue, issuer);
  return ctx.commit((tx) => {
    // Two requests with one key may both have passed the look-up above: the first to commit wins, the other replays.
    const raced = ctx.store.reservations.byRequestKey(deviceId, body.requestKey);
    if (raced) return replayed(ctx, raced, body, false);
    const row =
      body.issue && item
        ? issueWithin(ctx, tx, item, body.issue, issuer, "reserved")
        : checkInWithin(ctx, tx, body.checkIn ?? {}, issuer, "reserved").row;
    const expiresAt = tx.now + ctx.config.issue.reservationTimeoutSeconds * 1000;
    ctx.store.reservations.insert({
      ticket_id: row.id,
      device_id: deviceId,
      request_key: body.requestKey,
      expires_at: expiresAt,
      print: JSON.stringify(printDataOf(ctx, row)),
    });
    const itemCode = ctx.catalog.itemsById.get(row.item_id)!.code;
    tx.emit({
      type: "ticket.reserved",
      data: { ticketId: row.id, number: row.number, itemCode, deviceId, expiresAt },
    });
    return reservedView(ctx, ctx.store.reservations.get(row.id)!, row);
  });
}

/** The reservation of ticket `ticketId`, for its reserving device only (AppError not_found / forbidden). */
function reservationFor(ctx: HallContext, ticketId: number, voider: Voider): { t: TicketRow; r: ReservationRow } {
  const t = getTicket(ctx, ticketId);
  const r = ctx.store.reservations.get(t.id);
  if (!r) throw new AppError("not_found", `ticket ${t.number} was not reserved at a kiosk`);
  if (voider.kind === "device" && r.device_id !== voider.deviceId)
    throw new AppError("forbidden", `ticket ${t.number} was reserved by another kiosk: only that kiosk may settle it`);
  return { t, r };
}

/**
 * Kiosk `deviceId` confirms that ticket `ticketId` printed: the reserved ticket now waits, is counted and announced
 * (`ticket.issued`; for a check-in also `appointment.checked_in`). Again on a printed ticket answers the same.
 * Throws AppError not_found, forbidden (another kiosk's reservation), invalid_state (voided, or lapsed: a
 * reservation past its `expiresAt` is voided first, whether or not the sweep has run).
 */
export function confirmPrinted(ctx: HallContext, deviceId: number, ticketId: number): IssuedTicket {
  sweepLapsedReservations(ctx);
  const row = ctx.commit((tx) => {
    const { t, r } = reservationFor(ctx, ticketId, { kind: "device", deviceId });
    if (r.printed_at !== null) return t;
    if (r.void_reason !== null)
      throw new AppError(
        "invalid_state",
        `ticket ${t.number} was voided (${r.void_reason}): its number is never called; take a new ticket`,
      );
    const moved = moveTicket(ctx, tx, t, { type: "confirmPrint" });
    ctx.store.reservations.markPrinted(t.id, tx.now);
    if (moved.appointment_id !== null) announceCheckIn(ctx, tx, moved, moved.priority !== "appointment");
    else
      tx.emit({
        type: "ticket.issued",
        data: {
          ticket: ticketView(ctx, moved),
          waiting: { [ticketView(ctx, moved).itemCode]: ctx.queues.countByItem(moved.item_id) + 1 },
        },
      });
    return moved;
  });
  return issuedTicket(ctx, row);
}

/** Inside `tx`: void reservation `r` of ticket `t` (machine check, gap recorded, booking reopened, event). */
function voidWithin(
  ctx: HallContext,
  tx: Tx,
  t: TicketRow,
  voider: Voider,
  why: { reason: VoidReason; detail?: string | undefined },
): TicketRow {
  const moved = moveTicket(ctx, tx, t, { type: "void" });
  const deviceId = voider.kind === "device" ? voider.deviceId : null;
  const staffId = voider.kind === "staff" ? voider.staffId : null;
  ctx.store.reservations.markVoided(t.id, {
    at: tx.now,
    reason: why.reason,
    detail: why.detail ?? null,
    deviceId,
    staffId,
  });
  // A check-in whose ticket never printed leaves the booking as it was: the citizen can check in again.
  if (t.appointment_id !== null) ctx.store.appointments.reopen(t.appointment_id);
  tx.emit({
    type: "ticket.voided",
    data: {
      ticketId: t.id,
      number: t.number,
      itemCode: ctx.catalog.itemsById.get(t.item_id)?.code ?? "",
      reason: why.reason,
      deviceId,
      by: staffId === null ? null : staffRef(ctx, staffId),
    },
  });
  return moved;
}

/**
 * Void reserved ticket `ticketId`: its print failed or never happened. By the reserving kiosk, or by a supervisor.
 * Its number stays a recorded gap; its place under the item's caps is released. Again on a voided ticket answers
 * the same. Throws AppError not_found, forbidden (another kiosk's reservation), invalid_state (already printed:
 * the ticket waits, cancel it instead).
 */
export function voidReservation(
  ctx: HallContext,
  voider: Voider,
  ticketId: number,
  why: { reason: VoidReason; detail?: string | undefined },
): TicketView {
  sweepLapsedReservations(ctx);
  return ctx.commit((tx) => {
    const { t, r } = reservationFor(ctx, ticketId, voider);
    if (r.void_reason !== null) return ticketView(ctx, t);
    if (r.printed_at !== null)
      throw new AppError(
        "invalid_state",
        `ticket ${t.number} was already confirmed printed and waits: cancel it instead of voiding it`,
      );
    return ticketView(ctx, voidWithin(ctx, tx, t, voider, why));
  });
}

/**
 * Void every reservation past its `expiresAt` by the hall's clock ("unconfirmed_timeout"); returns how many. Run by
 * the server's housekeeping timer, and before each confirm or void so the outcome never depends on when it ran.
 */
export function sweepLapsedReservations(ctx: HallContext): number {
  if (ctx.store.reservations.lapsed(ctx.clock()).length === 0) return 0;
  return ctx.commit((tx) => {
    const lapsed = ctx.store.reservations.lapsed(tx.now);
    for (const r of lapsed)
      voidWithin(ctx, tx, getTicket(ctx, r.ticket_id), { kind: "sweep" }, { reason: "unconfirmed_timeout" });
    return lapsed.length;
  });
}

/**
 * Every number of service day `day` (default: today) per prefix in sequence order, with its ticket's state, and for
 * a voided one its reason, detail, time and who voided it; `missing` lists numbers the counter passed that no ticket
 * holds (none in a sound hall). No personal data.
 */
export function ticketLedger(ctx: HallContext, day = serviceDay(ctx, ctx.clock())): TicketLedger {
  const reservations = new Map(ctx.store.reservations.ofDay(day).map((r) => [r.ticket_id, r]));
  const tickets = ctx.store.tickets.ofDay(day);
  const prefixes = ctx.store.tickets.countersOfDay(day).map(({ prefix, last }) => {
    const entries: LedgerEntry[] = [];
    for (const t of tickets) {
      const sequence = sequenceOf(t.number, prefix);
      if (sequence !== undefined) entries.push(ledgerEntry(ctx, t, sequence, reservations.get(t.id)));
    }
    entries.sort((a, b) => a.sequence - b.sequence);
    const held = new Set(entries.map((e) => e.sequence));
    const missing = Array.from({ length: last }, (_, i) => i + 1).filter((s) => !held.has(s));
    return { prefix, last, entries, missing };
  });
  return { day, prefixes };
}

function ledgerEntry(ctx: HallContext, t: TicketRow, sequence: number, r: ReservationRow | undefined): LedgerEntry {
  return {
    number: t.number,
    sequence,
    ticketId: t.id,
    itemCode: ctx.catalog.itemsById.get(t.issued_item_id)?.code ?? "",
    channel: t.channel,
    state: t.state,
    at: t.arrived_at,
    voided:
      r?.void_reason && r.voided_at !== null
        ? {
            reason: r.void_reason,
            detail: r.void_detail,
            at: r.voided_at,
            deviceId: r.voided_by_device,
            by: r.voided_by_staff === null ? null : staffRef(ctx, r.voided_by_staff),
          }
        : null,
  };
}
