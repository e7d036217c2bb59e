/** Events the hall-server appends to its log and streams over WebSocket. Screens and voice need nothing else. */
import type { CallReason, Channel, DeviceHealthState, DeviceKind, PriorityClass, Role, TicketState } from "./enums.ts";

/** A ticket as shown to clients: never full personal data, only masked forms. */
export interface TicketView {
  id: number;
  number: string;
  itemCode: string;
  itemName: string;
  state: TicketState;
  priority: PriorityClass;
  channel: Channel;
  /** 代办: a staff member took this ticket on behalf of the citizen (not a walk-in). */
  agent: boolean;
  arrivedAt: number;
  windowNumber: number | null;
  recallCount: number;
  nameMasked: string | null;
  idMasked: string | null;
  /** Opaque token for the public status page. */
  publicToken: string;
}

/** A waiting ticket as the counter's "call a chosen ticket" list shows it: masked name only, no ID, no token. */
export interface CallableTicket {
  id: number;
  number: string;
  itemCode: string;
  itemName: string;
  priority: PriorityClass;
  arrivedAt: number;
  /** Slot start of an appointment ticket, else null. */
  appointmentAt: number | null;
  /** Transferred to this staff member or window in particular. */
  targeted: boolean;
  nameMasked: string | null;
}

export interface WindowRef {
  id: number;
  number: number;
  name: string;
}
export interface StaffRef {
  employeeNo: string;
  name: string;
}

/**
 * Why a staff member left a window: they signed out, their 12-hour session ran out, their counter device was
 * revoked, or a supervisor released the window after they walked away.
 */
export type SignOutReason = "signed_out" | "session_expired" | "device_revoked" | "released_by_supervisor";

export interface WindowView extends WindowRef {
  area: string;
  floor: string;
  state: "closed" | "open" | "paused";
  pauseReason: string | null;
  staff: StaffRef | null;
  current: TicketView | null;
  /** Tickets on hold at this window (citizen fetching a document), oldest first: unhold takes their id or number. */
  held: TicketView[];
}

interface TicketEventData {
  ticket: TicketView;
  /** Waiting counts of the items this event changed, keyed by item code. */
  waiting: Record<string, number>;
}

export type HallEventBody =
  | { type: "ticket.issued"; data: TicketEventData }
  | {
      type: "ticket.called";
      data: TicketEventData & {
        window: WindowRef;
        staff: StaffRef;
        /** 0 for the first call, n for the n-th recall. */
        recall: number;
        /** Out-of-order call of a chosen ticket (audited). */
        chosen: boolean;
        /** Why this ticket was called (the policy rule, "chosen" or "recall"). */
        reason: CallReason;
        /** What the hall screen shows and speaks. */
        announcement: { zh: string; en: string };
      };
    }
  | { type: "ticket.started"; data: TicketEventData & { window: WindowRef; staff: StaffRef } }
  | {
      type: "ticket.finished";
      data: TicketEventData & { window: WindowRef; staff: StaffRef; handledItemCodes: string[] };
    }
  | { type: "ticket.no_show"; data: TicketEventData & { window: WindowRef } }
  | {
      type: "ticket.transferred";
      data: TicketEventData & {
        fromItemCode: string;
        toItemCode: string;
        toEmployeeNo: string | null;
        toWindowNumber: number | null;
        note: string;
      };
    }
  | { type: "ticket.held"; data: TicketEventData & { window: WindowRef } }
  | { type: "ticket.unheld"; data: TicketEventData & { window: WindowRef } }
  | { type: "ticket.cancelled"; data: TicketEventData }
  | { type: "ticket.reactivated"; data: TicketEventData }
  /**
   * A ticket still waiting when its service day ended (the hall's local midnight) expired: screens drop it from the
   * waiting counts; it is never called. `day` is the ended service day ("YYYY-MM-DD").
   */
  | { type: "ticket.expired"; data: TicketEventData & { day: string } }
  | { type: "staff.signed_in"; data: { window: WindowRef; staff: StaffRef } }
  | { type: "staff.signed_out"; data: { window: WindowRef; staff: StaffRef; reason: SignOutReason } }
  /** A supervisor or admin signed in or out on the admin page (no window). */
  | { type: "admin.signed_in"; data: { staff: StaffRef; role: Role } }
  | { type: "admin.signed_out"; data: { staff: StaffRef; role: Role } }
  | {
      type: "staff.skills_changed";
      data: { staff: StaffRef; skills: { itemCode: string; weight: number }[]; by: StaffRef };
    }
  /** A supervisor cleared an account's failed sign-ins from every source (`sources` of them were locked or counting). */
  | { type: "staff.unlocked"; data: { staff: StaffRef; by: StaffRef; sources: number } }
  | { type: "window.paused"; data: { window: WindowRef; staff: StaffRef; reason: string } }
  | { type: "window.resumed"; data: { window: WindowRef; staff: StaffRef } }
  | { type: "appointment.booked"; data: { appointmentId: number; itemCode: string; slotStart: number } }
  | { type: "appointment.checked_in"; data: { appointmentId: number; ticketId: number; late: boolean } }
  | { type: "appointment.released"; data: { appointmentIds: number[] } }
  /** A device was registered and its one-time pairing code issued (the code itself is never logged). */
  | {
      type: "device.created";
      data: { deviceId: number; name: string; kind: DeviceKind; windowNumber: number | null; pairingExpiresAt: number };
    }
  | { type: "device.paired"; data: { deviceId: number; name: string; kind: string } }
  | { type: "device.revoked"; data: { deviceId: number; name: string; kind: DeviceKind; windowNumber: number | null } }
  | {
      type: "device.health";
      data: { deviceId: number; name: string; devices: { name: string; state: DeviceHealthState; reason: string }[] };
    }
  | { type: "catalog.imported"; data: { version: string } }
  | {
      /** Retention purge: how many rows lost their personal data (erased where recorded before `before`). */
      type: "personal_data.purged";
      data: { before: number; tickets: number; appointments: number; events: number };
    };

export type HallEventType = HallEventBody["type"];

/** One entry of the event log: monotonically increasing `seq`, epoch-ms `at`. */
export type HallEvent = HallEventBody & { seq: number; at: number };

/** Hall state for a client (re)connecting; events with seq > `seq` follow. */
export interface HallSnapshot {
  seq: number;
  hallName: string;
  windows: WindowView[];
  waiting: Record<string, number>;
  recentCalls: Extract<HallEvent, { type: "ticket.called" }>[];
}

/** Messages the server sends over the WebSocket. */
export type ServerMessage = { type: "snapshot"; snapshot: HallSnapshot } | { type: "event"; event: HallEvent };
