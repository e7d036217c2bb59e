/**
 * # Daily and time-slot caps (限号): the rules
 *
 * An item may limit how many tickets it gives out per service day (`dailyCap`) and per local time slot
 * (`slotCaps`, e.g. 09:00-12:00: 50). The rules, each tested in caps.test.ts and caps.api.test.ts:
 *
 * 1. **A cap counts the item a ticket was issued for**, on the ticket's service day (./serviceDay.ts), never the
 *    item it has now. A ticket counts in the time slot that holds its local issue minute.
 * 2. **Transfers never change any cap.** A transfer moves the ticket's current item, not the item it was issued
 *    for: it frees no place in the old item's caps and takes none in the new item's.
 * 3. **Appointment check-ins count toward the daily and slot caps but are never refused by them**: the booking was
 *    already limited by the slot's capacity, and a citizen who booked must get their ticket.
 * 4. **Which tickets count**: every ticket issued that day except a cancelled or voided one (a cancelled ticket gives
 *    its place back to the day, and so does a reservation whose ticket never printed; `CAP_RELEASING_STATES`). A
 *    reservation still printing holds its place; an expired, no-show or finished ticket keeps its place.
 *
 * Pure: the caller counts (the store keeps the issued item on every ticket) and passes the counts in.
 */
import type { TicketState } from "@onewindow/contract";
import { minutesOfDay } from "./serviceHours.ts";

/** A time-slot cap of an item: local "HH:MM" start (inclusive) and end (exclusive), and its ticket limit. */
export interface SlotCap {
  readonly start: string;
  readonly end: string;
  readonly cap: number;
}

/** Ticket states that give a ticket's place back to its item's caps (rule 4). */
export const CAP_RELEASING_STATES: readonly TicketState[] = ["cancelled", "voided"];

/** Whether a ticket in `state` still takes a place in the caps of the item it was issued for (rule 4). */
export function countsTowardCaps(state: TicketState): boolean {
  return !CAP_RELEASING_STATES.includes(state);
}

/** The slot cap whose [start, end) holds local minute `minute` (0..1439), or undefined. */
export function slotCapAt(slotCaps: readonly SlotCap[], minute: number): SlotCap | undefined {
  return slotCaps.find((s) => minute >= minutesOfDay(s.start) && minute < minutesOfDay(s.end));
}

/** What a new ticket of one item meets: its caps and the tickets already counted against them. */
export interface CapInput {
  /** "walk-in": kiosk, staff or remote issue (refused at a cap); "check-in": an appointment (never refused, rule 3). */
  kind: "walk-in" | "check-in";
  /** The item's daily cap, or null for none. */
  dailyCap: number | null;
  /** Tickets issued for the item on this service day that count (rules 1, 2, 4). */
  issuedToday: number;
  /** The slot cap holding the issue minute (`slotCapAt`), if any, and the tickets counted in it. */
  slot?: { cap: SlotCap; issued: number } | undefined;
}

/** Why a new ticket is refused: the daily cap or a slot cap is used up. */
export type CapRefusal = { cap: "daily"; limit: number } | { cap: "slot"; limit: number; slot: SlotCap };

/**
 * Whether a new ticket is refused by the item's caps: null when it may be issued, else which cap is used up.
 * A check-in is never refused (rule 3); a walk-in is refused when the tickets already counted reach a cap.
 */
export function capRefusal(input: CapInput): CapRefusal | null {
  if (input.kind === "check-in") return null;
  if (input.dailyCap !== null && input.issuedToday >= input.dailyCap) return { cap: "daily", limit: input.dailyCap };
  if (input.slot && input.slot.issued >= input.slot.cap.cap)
    return { cap: "slot", limit: input.slot.cap.cap, slot: input.slot.cap };
  return null;
}
