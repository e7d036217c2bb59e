/** Issuing tickets and the ticket-level actions that need no window: cancel, reactivate, status. */
import {
  isCalendarDate,
  type IssuedTicket,
  type IssueTicketBody,
  type PriorityClass,
  type TicketView,
} from "@onewindow/contract";
import {
  ageOn,
  canReactivate,
  capRefusal,
  formatTicketNumber,
  isOpen,
  minutesOfDay,
  slotCapAt,
} from "../domain/index.ts";
import { encryptField, idNumberHash, maskIdNumber, maskName, newToken } from "../security/index.ts";
import { AppError } from "../errors.ts";
import type { TicketRow } from "../store/ticketStore.ts";
import type { CachedItem } from "./catalogCache.ts";
import type { HallContext, Tx } from "./context.ts";
import { waitingTicketOf } from "./queueIndex.ts";
import { hallClock, serviceDay } from "./serviceDay.ts";
import { moveTicket } from "./ticketTransition.ts";
import { ticketView, waitingCounts } from "./views.ts";
import { waitInfo } from "./waitEstimate.ts";

/** Who is issuing: a kiosk, the online hall (remote 取号), or a staff member (代办 / walk-in). */
export type Issuer = { kind: "device"; deviceId: number; remote?: boolean } | { kind: "staff"; staffId: number };

/**
 * Refuse a walk-in ticket (kiosk, staff, online hall) for an item outside its service hours or past its daily or
 * time-slot cap; returns the local minute of `nowMs`. Caps count the tickets issued for the item on service day
 * `day`, whatever item they have moved to since (domain/caps.ts: transfers never change a cap). Appointment check-ins
 * do not come here: they count toward the caps but are never refused by them (caps.ts rule 3).
 */
export function assertIssuable(ctx: HallContext, item: CachedItem, day: string, nowMs: number): number {
  const { weekday, minutes } = hallClock(ctx, nowMs);
  if (!isOpen(item.hours, weekday, minutes) && !ctx.config.demoMode) {
    const hours = item.hours.map((h) => `${h.open}-${h.close}`).join(", ");
    throw new AppError("item_closed", `${item.name} is not served now (hours: ${hours})`, { hours: item.hours });
  }
  const tickets = ctx.store.tickets;
  const slot = slotCapAt(item.slotCaps, minutes);
  const refusal = capRefusal({
    kind: "walk-in",
    dailyCap: item.dailyCap,
    issuedToday: item.dailyCap === null ? 0 : tickets.countIssuedOfDay(day, item.id),
    slot: slot && {
      cap: slot,
      issued: tickets.countIssuedInSlot(day, item.id, minutesOfDay(slot.start), minutesOfDay(slot.end)),
    },
  });
  if (refusal?.cap === "daily")
    throw new AppError("cap_reached", `today's ${refusal.limit} tickets for ${item.name} have all been issued`);
  if (refusal?.cap === "slot")
    throw new AppError(
      "cap_reached",
      `the ${refusal.slot.start}-${refusal.slot.end} quota of ${refusal.limit} tickets for ${item.name} is used up`,
    );
  return minutes;
}

/**
 * Insert a ticket inside `tx`, waiting (one-phase issue, check-in) or reserved (a kiosk's two-phase issue: it joins
 * the waiting index only when its print is confirmed, see ./reservations.ts). Used by issue and appointment check-in.
 */
export function insertTicket(
  ctx: HallContext,
  tx: Tx,
  input: {
    item: CachedItem;
    priority: PriorityClass;
    channel: TicketRow["channel"];
    /** Service day and local minute of `tx.now` (the caller has them already, from ./serviceDay.ts). */
    day: string;
    localMinute: number;
    card?: { idType: string; idNumber: string; name?: string | undefined };
    appointment?: { id: number; at: number };
    issuer: Issuer;
    /** 代办: staff took the ticket on behalf of the citizen. */
    agent?: boolean;
    /** "reserved" for a kiosk's two-phase issue; default "waiting". */
    state?: "waiting" | "reserved";
  },
): TicketRow {
  const store = ctx.store.tickets;
  const number = formatTicketNumber(input.item.prefix, store.nextSequence(input.day, input.item.prefix));
  const state = input.state ?? "waiting";
  const row = store.create(
    {
      day: input.day,
      number,
      channel: input.channel,
      priority: input.priority,
      item_id: input.item.id,
      arrived_at: tx.now,
      local_minute: input.localMinute,
      appointment_id: input.appointment?.id ?? null,
      appointment_at: input.appointment?.at ?? null,
      id_hash: input.card ? idNumberHash(ctx.keyring, input.card.idNumber) : null,
      id_masked: input.card ? maskIdNumber(input.card.idNumber) : null,
      name_masked: input.card?.name ? maskName(input.card.name) : null,
      id_type: input.card?.idType ?? null,
      id_sealed: input.card ? encryptField(ctx.keyring, input.card.idNumber) : null,
      name_sealed: input.card?.name ? encryptField(ctx.keyring, input.card.name) : null,
      public_token: newToken(),
      issued_by_device: input.issuer.kind === "device" ? input.issuer.deviceId : null,
      issued_by_staff: input.issuer.kind === "staff" ? input.issuer.staffId : null,
      agent: input.agent === true ? 1 : 0,
    },
    state,
  );
  if (state === "waiting") tx.after(() => ctx.queues.add(waitingTicketOf(row)));
  return row;
}

/**
 * The item `body` asks for, after the checks that need no transaction: an active item, its ID card when required,
 * and what a device may not claim (green channel, 代办; elderly only with a card showing the age). Throws AppError.
 */
export function issuableItem(ctx: HallContext, body: IssueTicketBody, issuer: Issuer): CachedItem {
  const item = ctx.catalog.item(body.itemCode);
  if (!item) throw new AppError("not_found", `no active service item with code ${body.itemCode}`);
  if (item.idCardRequired && !body.card)
    throw new AppError("bad_request", `${item.name} requires an ID card: read the card first`);
  if (issuer.kind === "device" && (body.priority === "green" || body.agent))
    throw new AppError("forbidden", "green-channel and agent tickets are issued by staff");
  if (issuer.kind === "device" && body.priority === "elderly") assertElderlyCard(ctx, body.card, ctx.clock());
  return item;
}

/**
 * Inside `tx`: refuse by hours and caps (`assertIssuable`), then insert the ticket for `item` (waiting, or reserved
 * for a kiosk's two-phase issue). Emits nothing: the caller says what happened.
 */
export function issueWithin(
  ctx: HallContext,
  tx: Tx,
  item: CachedItem,
  body: IssueTicketBody,
  issuer: Issuer,
  state: "waiting" | "reserved" = "waiting",
): TicketRow {
  const day = serviceDay(ctx, tx.now);
  const localMinute = assertIssuable(ctx, item, day, tx.now);
  return insertTicket(ctx, tx, {
    item,
    priority: body.priority,
    channel: issuer.kind === "staff" ? "staff" : issuer.remote ? "remote" : "kiosk",
    day,
    localMinute,
    card: body.card,
    issuer,
    agent: body.agent,
    state,
  });
}

/** A kiosk (a device that is not the online hall) issues in two phases only: its ticket must print before it waits. */
export function refuseKioskOnePhase(issuer: Issuer, what: string): void {
  if (issuer.kind === "device" && !issuer.remote)
    throw new AppError(
      "conflict",
      `a kiosk ${what} in two phases: POST /api/tickets/reservations, print, then POST /api/tickets/:id/printed ` +
        "(or /void when the print failed), so no number is called whose ticket never printed",
    );
}

/**
 * Issue a ticket for an item in one phase (staff, 代办/green channel, or the online hall); kiosks reserve instead
 * (./reservations.ts). One transaction: number, ticket, request, period, event.
 */
export function issueTicket(ctx: HallContext, body: IssueTicketBody, issuer: Issuer): IssuedTicket {
  refuseKioskOnePhase(issuer, "issues tickets");
  const item = issuableItem(ctx, body, issuer);
  const row = ctx.commit((tx) => {
    const t = issueWithin(ctx, tx, item, body, issuer);
    tx.emit({
      type: "ticket.issued",
      data: { ticket: ticketView(ctx, t), waiting: { [item.code]: ctx.queues.countByItem(item.id) + 1 } },
    });
    return t;
  });
  return issuedTicket(ctx, row);
}

/** The answer of an issue: the ticket, its place and expected wait, and where to wait. */
export function issuedTicket(ctx: HallContext, row: TicketRow): IssuedTicket {
  return { ticket: ticketView(ctx, row), ...waitInfo(ctx, row.item_id, row.id), areas: areasServing(ctx, row.item_id) };
}

/**
 * A device (kiosk, online hall) may claim elderly priority only with a card whose birth date shows at least
 * `queue.elderlyMinAge` years on the hall's local date; staff grant it on sight (老弱病残军 is more than age).
 * A resident ID number carries the birth date in digits 7-14: it stands in for a missing birth date and must agree
 * with a given one. Messages never echo the card's data.
 */
export function assertElderlyCard(ctx: HallContext, card: IssueTicketBody["card"], nowMs: number): void {
  const minAge = ctx.config.queue.elderlyMinAge;
  const fromId =
    card?.idType === "resident" && /^\d{17}[\dX]$/i.test(card.idNumber) ? card.idNumber.slice(6, 14) : undefined;
  const birthDate = card?.birthDate ?? fromId;
  if (!card || birthDate === undefined)
    throw new AppError(
      "bad_request",
      "elderly priority from a kiosk needs the ID card read: its birth date shows the age",
    );
  if (!isCalendarDate(birthDate)) throw new AppError("bad_request", "card: the ID number holds no valid birth date");
  if (fromId !== undefined && card.birthDate !== undefined && fromId !== card.birthDate)
    throw new AppError("bad_request", "card: the birth date does not match the ID number");
  const age = ageOn(serviceDay(ctx, nowMs), birthDate);
  if (age < 0) throw new AppError("bad_request", "card: the birth date is in the future");
  if (age < minAge)
    throw new AppError("forbidden", `elderly priority is for people aged ${minAge} or over, as shown by the ID card`);
}

/** The id of the ticket printed today as `number` (a counter picks tickets by what the citizen holds). */
export function ticketIdByNumber(ctx: HallContext, number: string): number {
  const t = ctx.store.tickets.byDayNumber(serviceDay(ctx, ctx.clock()), number);
  if (!t) throw new AppError("not_found", `no ticket ${number} today`);
  return t.id;
}

/** Areas and floors of the windows that may serve an item, for "where to wait". */
export function areasServing(ctx: HallContext, itemId: number): string[] {
  return ctx.catalog.areasServing(itemId);
}

export function getTicket(ctx: HallContext, id: number): TicketRow {
  const t = ctx.store.tickets.get(id);
  if (!t) throw new AppError("not_found", `no ticket with id ${id}`);
  return t;
}

/** Cancel a waiting ticket (citizen left, duplicate). */
export function cancelTicket(ctx: HallContext, id: number): TicketView {
  return ctx.commit((tx) => {
    const t = getTicket(ctx, id);
    const updated = moveTicket(ctx, tx, t, { type: "cancel" });
    const view = ticketView(ctx, updated);
    const waiting = waitingCounts(ctx, [t.item_id]);
    if (t.state === "waiting") waiting[view.itemCode] = Math.max(0, (waiting[view.itemCode] ?? 1) - 1);
    tx.emit({ type: "ticket.cancelled", data: { ticket: view, waiting } });
    return view;
  });
}

/** Bring a no-show back into its item's queue, keeping its number and arrival time. */
export function reactivateTicket(ctx: HallContext, id: number): TicketView {
  return ctx.commit((tx) => {
    const t = getTicket(ctx, id);
    if (t.state === "no_show" && !canReactivate(t.state_at, tx.now, ctx.config.queue.reactivateMinutes))
      throw new AppError(
        "invalid_state",
        `ticket ${t.number} missed its call more than ${ctx.config.queue.reactivateMinutes} minutes ago`,
      );
    const updated = moveTicket(
      ctx,
      tx,
      t,
      { type: "reactivate" },
      { set: { window_id: null, staff_id: null, recall_count: 0 } },
    );
    const view = ticketView(ctx, updated);
    tx.emit({
      type: "ticket.reactivated",
      data: { ticket: view, waiting: { [view.itemCode]: ctx.queues.countByItem(t.item_id) + 1 } },
    });
    return view;
  });
}
