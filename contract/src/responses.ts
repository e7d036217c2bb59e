/**
 * What the hall-server answers, for the clients that read it (kiosk, counter console, screens, admin page, the
 * online hall). Request bodies are runtime schemas in api.ts; answers are types, checked where the server builds them.
 */
import type { DeviceHealthState, DeviceKind, TicketState } from "./enums.ts";
import type { StaffRef, TicketView, WindowRef } from "./events.ts";

/** Expected wait of a waiting ticket, or of a new ticket of an item. */
export interface WaitInfo {
  peopleAhead: number;
  expectedWaitMinutes: number;
  /** False when nobody qualified is signed in: the estimate assumes one window will open. */
  staffed: boolean;
}

/** POST /api/tickets: the new ticket, what to print on it, and where to wait. */
export interface IssuedTicket extends WaitInfo {
  ticket: TicketView;
  /** Where to wait: areas/floors of the windows that serve the item. */
  areas: string[];
}

/** GET /api/public/tickets/:token: the citizen's own ticket, without any personal data, not even masked. */
export interface PublicTicketStatus extends Partial<WaitInfo> {
  number: string;
  itemName: string;
  state: TicketState;
  windowNumber: number | null;
}

/** POST /api/auth/login: the staff session and, at a counter, the window taken and the items served there. */
export interface LoginResult {
  token: string;
  staff: StaffRef & { role: string; photo: string };
  window: WindowRef | null;
  /** Item codes this staff member serves at this window. */
  items: string[];
}

/** A registered device as the admin page lists it. */
export interface DeviceView {
  id: number;
  name: string;
  kind: DeviceKind;
  windowNumber: number | null;
  paired: boolean;
  revoked: boolean;
  health: { name: string; state: DeviceHealthState; reason: string }[];
}

/** POST /api/appointments: the booking and the code the citizen checks in with. */
export interface BookedAppointment {
  id: number;
  code: string;
  itemCode: string;
  slotStart: number;
  slotEnd: number;
}
