/** Ticket rows as the in-memory waiting index (`ctx.queues`) and the domain's call rules see them. */
import type { WaitingTicket } from "../domain/index.ts";
import type { TicketRow } from "../store/ticketStore.ts";

/** A ticket row as the waiting index and the domain's call and transfer helpers see it (ids as strings). */
export function waitingTicketOf(t: TicketRow): WaitingTicket {
  return {
    id: String(t.id),
    itemId: String(t.item_id),
    priority: t.priority,
    arrivedAt: t.arrived_at,
    appointmentAt: t.appointment_at,
    targetStaffId: t.target_staff_id === null ? null : String(t.target_staff_id),
    targetWindowId: t.target_window_id === null ? null : String(t.target_window_id),
  };
}
