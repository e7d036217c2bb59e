/**
 * Ticket, request and period rows. Statements are prepared once; callers wrap writes in a transaction. A ticket
 * (one visit) holds one or more requests (one per item); its periods record where it waited, was called or served.
 */
import type { Channel, PriorityClass, TicketState } from "@onewindow/contract";
import { CAP_RELEASING_STATES } from "../domain/caps.ts";
import type { Db } from "./db.ts";

export interface TicketRow {
  id: number;
  day: string;
  number: string;
  channel: Channel;
  priority: PriorityClass;
  state: TicketState;
  item_id: number;
  arrived_at: number;
  window_id: number | null;
  staff_id: number | null;
  first_staff_id: number | null;
  target_staff_id: number | null;
  target_window_id: number | null;
  recall_count: number;
  local_minute: number;
  state_at: number;
  appointment_id: number | null;
  appointment_at: number | null;
  id_hash: string | null;
  id_masked: string | null;
  name_masked: string | null;
  id_type: string | null;
  id_sealed: string | null;
  name_sealed: string | null;
  public_token: string;
  issued_by_device: number | null;
  issued_by_staff: number | null;
  /** 1 for a 代办 ticket a staff member took on behalf of a citizen, else 0. */
  agent: 0 | 1;
  /**
   * The item the ticket was issued for (migration 004); `item_id` is the item it waits for now, which a transfer
   * changes. Caps count by this one, so transfers never change a cap.
   */
  issued_item_id: number;
}

export type NewTicket = Omit<
  TicketRow,
  | "id"
  | "state"
  | "window_id"
  | "staff_id"
  | "first_staff_id"
  | "target_staff_id"
  | "target_window_id"
  | "recall_count"
  | "state_at"
  | "issued_item_id"
>;

/** One ended service period of a request's item: epoch ms. */
export interface ServiceSpan {
  item_id: number;
  start_at: number;
  end_at: number;
}

/** The SQL list of the states that give a ticket's place back to its item's caps (domain/caps.ts, rule 4). */
const releasing = CAP_RELEASING_STATES.map((state) => `'${state}'`).join(", ");

export class TicketStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      nextSeq: db.prepare<[string, string], { last: number }>(
        `INSERT INTO counters (day, prefix, last) VALUES (?, ?, 1)
         ON CONFLICT(day, prefix) DO UPDATE SET last = last + 1 RETURNING last`,
      ),
      insert: db.prepare(
        `INSERT INTO tickets (day, number, channel, priority, state, item_id, issued_item_id, arrived_at, local_minute, state_at,
           appointment_id, appointment_at, id_hash, id_masked, name_masked, id_type, id_sealed, name_sealed, public_token,
           issued_by_device, issued_by_staff, agent)
         VALUES (@day, @number, @channel, @priority, @state, @item_id, @item_id, @arrived_at, @local_minute, @arrived_at,
           @appointment_id, @appointment_at, @id_hash, @id_masked, @name_masked, @id_type, @id_sealed, @name_sealed,
           @public_token, @issued_by_device, @issued_by_staff, @agent)`,
      ),
      get: db.prepare<[number], TicketRow>("SELECT * FROM tickets WHERE id = ?"),
      byToken: db.prepare<[string], TicketRow>("SELECT * FROM tickets WHERE public_token = ?"),
      byDayNumber: db.prepare<[string, string], TicketRow>("SELECT * FROM tickets WHERE day = ? AND number = ?"),
      atWindow: db.prepare<[number], TicketRow>(
        "SELECT * FROM tickets WHERE window_id = ? AND state IN ('called', 'serving') LIMIT 1",
      ),
      heldAtWindow: db.prepare<[number], TicketRow>(
        "SELECT * FROM tickets WHERE window_id = ? AND state = 'on_hold' ORDER BY state_at",
      ),
      waitingOfDay: db.prepare<[string], TicketRow>("SELECT * FROM tickets WHERE state = 'waiting' AND day = ?"),
      waitingBefore: db.prepare<[string], TicketRow>("SELECT * FROM tickets WHERE state = 'waiting' AND day < ?"),
      copyAppointmentIdentity: db.prepare<[string | null, number, number]>(
        `UPDATE tickets SET (id_type, id_hash, id_masked, id_sealed, name_masked) =
           (SELECT coalesce(?, id_type), id_hash, id_masked, id_sealed, name_masked FROM appointments WHERE id = ?)
         WHERE id = ?`,
      ),
      purge: db.prepare<[number]>(
        `UPDATE tickets SET id_hash = NULL, id_masked = NULL, name_masked = NULL, id_sealed = NULL, name_sealed = NULL
         WHERE arrived_at < ? AND (id_hash IS NOT NULL OR id_masked IS NOT NULL OR name_masked IS NOT NULL
           OR id_sealed IS NOT NULL OR name_sealed IS NOT NULL)`,
      ),
      // Caps count the item a ticket was issued for, never its current one; a cancelled ticket or a voided
      // reservation gives its place back, a reservation still printing holds it (domain/caps.ts, rules 1, 2, 4).
      countIssuedOfDay: db.prepare<[string, number], { n: number }>(
        `SELECT count(*) AS n FROM tickets WHERE day = ? AND issued_item_id = ? AND state NOT IN (${releasing})`,
      ),
      countIssuedInSlot: db.prepare<[string, number, number, number], { n: number }>(
        `SELECT count(*) AS n FROM tickets WHERE day = ? AND issued_item_id = ? AND local_minute >= ? AND local_minute < ?
           AND state NOT IN (${releasing})`,
      ),
      ofDay: db.prepare<[string], TicketRow>("SELECT * FROM tickets WHERE day = ? ORDER BY id"),
      countersOfDay: db.prepare<[string], { prefix: string; last: number }>(
        "SELECT prefix, last FROM counters WHERE day = ? ORDER BY prefix",
      ),
      update: db.prepare(
        `UPDATE tickets SET state = @state, window_id = @window_id, staff_id = @staff_id,
           first_staff_id = coalesce(first_staff_id, @staff_id), target_staff_id = @target_staff_id,
           target_window_id = @target_window_id, recall_count = @recall_count, item_id = @item_id, state_at = @state_at
         WHERE id = @id`,
      ),
      insertRequest: db.prepare<[number, number, string, number, string]>(
        "INSERT INTO requests (ticket_id, item_id, state, created_at, note) VALUES (?, ?, ?, ?, ?)",
      ),
      insertEndedRequest: db.prepare<[number, number, string, number, number, number, string]>(
        "INSERT INTO requests (ticket_id, item_id, state, created_at, ended_at, handled, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
      ),
      openRequest: db.prepare<[number], { id: number; item_id: number }>(
        "SELECT id, item_id FROM requests WHERE ticket_id = ? AND ended_at IS NULL ORDER BY id DESC LIMIT 1",
      ),
      setRequestState: db.prepare<[string, number]>("UPDATE requests SET state = ? WHERE id = ?"),
      endRequest: db.prepare<[string, number, number, number]>(
        "UPDATE requests SET state = ?, ended_at = ?, handled = ? WHERE id = ?",
      ),
      openPeriod: db.prepare<[number, number, string, number | null, number | null, number]>(
        "INSERT INTO periods (ticket_id, request_id, kind, window_id, staff_id, start_at) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      closePeriods: db.prepare<[number, number]>(
        "UPDATE periods SET end_at = ? WHERE ticket_id = ? AND end_at IS NULL",
      ),
      recentServices: db.prepare<[number], ServiceSpan>(
        `SELECT r.item_id, p.start_at, p.end_at FROM periods p JOIN requests r ON r.id = p.request_id
         WHERE p.kind = 'serving' AND p.end_at IS NOT NULL ORDER BY p.id DESC LIMIT ?`,
      ),
      arrivalsSince: db.prepare<[string, number], Pick<TicketRow, "item_id" | "priority" | "arrived_at">>(
        "SELECT item_id, priority, arrived_at FROM tickets WHERE day = ? AND arrived_at >= ? ORDER BY arrived_at",
      ),
      lastServingStart: db.prepare<[number], { start_at: number }>(
        "SELECT start_at FROM periods WHERE ticket_id = ? AND kind = 'serving' ORDER BY id DESC LIMIT 1",
      ),
    };
  }

  /** Next number of a prefix on a local day: 1, 2, 3 … never reused, continuous across restarts. */
  nextSequence(day: string, prefix: string): number {
    return this.s.nextSeq.get(day, prefix)!.last;
  }

  /**
   * Insert a ticket with its first request (for its item), all at `t.arrived_at`: a waiting one with its first period
   * (waiting), a reserved one (a kiosk printing it) with none until its print is confirmed. Returns the stored row.
   */
  create(t: NewTicket, state: "waiting" | "reserved" = "waiting"): TicketRow {
    const id = Number(this.s.insert.run({ ...t, state }).lastInsertRowid);
    const requestId = this.addRequest(id, t.item_id, t.arrived_at, "", state);
    if (state === "waiting")
      this.switchPeriod(id, t.arrived_at, { requestId, kind: "waiting", windowId: null, staffId: null });
    return this.get(id)!;
  }

  /** Every ticket of service day `day` ("YYYY-MM-DD"), by id. */
  ofDay(day: string): TicketRow[] {
    return this.s.ofDay.all(day);
  }

  /** The last sequence number each prefix reached on service day `day`. */
  countersOfDay(day: string): { prefix: string; last: number }[] {
    return this.s.countersOfDay.all(day);
  }

  get(id: number): TicketRow | undefined {
    return this.s.get.get(id);
  }

  byPublicToken(token: string): TicketRow | undefined {
    return this.s.byToken.get(token);
  }

  /** The ticket printed with `number` on local day `day` (numbers restart daily, so the pair is unique). */
  byDayNumber(day: string, number: string): TicketRow | undefined {
    return this.s.byDayNumber.get(day, number);
  }

  /** The ticket a window is calling or serving, if any. */
  atWindow(windowId: number): TicketRow | undefined {
    return this.s.atWindow.get(windowId);
  }

  heldAtWindow(windowId: number): TicketRow[] {
    return this.s.heldAtWindow.all(windowId);
  }

  waitingOfDay(day: string): TicketRow[] {
    return this.s.waitingOfDay.all(day);
  }

  /** Tickets still waiting from local days before `day` (YYYY-MM-DD). */
  waitingBefore(day: string): TicketRow[] {
    return this.s.waitingBefore.all(day);
  }

  /**
   * Give a ticket its appointment's identity: hash, masked and sealed forms only, and the document type: `cardIdType`
   * when a card was read at check-in, else the type the booking named (null when it named none; never guessed).
   */
  copyAppointmentIdentity(ticketId: number, appointmentId: number, cardIdType: string | null): void {
    this.s.copyAppointmentIdentity.run(cardIdType, appointmentId, ticketId);
  }

  /** Erase personal data of tickets that arrived before `cutoff` (epoch ms); returns rows changed. */
  purgePersonalData(cutoff: number): number {
    return this.s.purge.run(cutoff).changes;
  }

  /** Tickets issued for item `itemId` on service day `day` that count toward its daily cap (not cancelled or voided). */
  countIssuedOfDay(day: string, itemId: number): number {
    return this.s.countIssuedOfDay.get(day, itemId)!.n;
  }

  /** Like `countIssuedOfDay`, for tickets issued at local minutes [fromMinute, toMinute) (a time-slot cap). */
  countIssuedInSlot(day: string, itemId: number, fromMinute: number, toMinute: number): number {
    return this.s.countIssuedInSlot.get(day, itemId, fromMinute, toMinute)!.n;
  }

  update(t: TicketRow): void {
    this.s.update.run(t);
  }

  addRequest(ticketId: number, itemId: number, at: number, note = "", state: TicketState = "waiting"): number {
    return Number(this.s.insertRequest.run(ticketId, itemId, state, at, note).lastInsertRowid);
  }

  /** Record an extra item handled in the same visit: a request created at `from` and ended handled at `to`. */
  addHandledRequest(ticketId: number, itemId: number, from: number, to: number, note: string): void {
    this.s.insertEndedRequest.run(ticketId, itemId, "done", from, to, 1, note);
  }

  openRequest(ticketId: number): { id: number; item_id: number } {
    const r = this.s.openRequest.get(ticketId);
    if (!r) throw new Error(`ticket ${ticketId} has no open request`);
    return r;
  }

  setRequestState(requestId: number, state: TicketState): void {
    this.s.setRequestState.run(state, requestId);
  }

  endRequest(requestId: number, state: TicketState, at: number, handled: boolean): void {
    this.s.endRequest.run(state, at, handled ? 1 : 0, requestId);
  }

  /** Close the ticket's open period and open a new one of `kind` (none for a terminal state). */
  switchPeriod(
    ticketId: number,
    at: number,
    next?: {
      requestId: number;
      kind: "waiting" | "called" | "serving" | "on_hold";
      windowId: number | null;
      staffId: number | null;
    },
  ): void {
    this.s.closePeriods.run(at, ticketId);
    if (next) this.s.openPeriod.run(ticketId, next.requestId, next.kind, next.windowId, next.staffId, at);
  }

  /** The last `limit` ended service periods (start to finish, hold or transfer), newest first: handle-time history. */
  recentServices(limit: number): ServiceSpan[] {
    return this.s.recentServices.all(limit);
  }

  /** Tickets of service day `day` that arrived at or after `since` (epoch ms), oldest first: recent arrivals. */
  arrivalsSince(day: string, since: number): Pick<TicketRow, "item_id" | "priority" | "arrived_at">[] {
    return this.s.arrivalsSince.all(day, since);
  }

  lastServingStart(ticketId: number): number | undefined {
    return this.s.lastServingStart.get(ticketId)?.start_at;
  }
}
