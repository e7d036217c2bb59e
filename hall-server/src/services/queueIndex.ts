/** Ticket rows as the in-memory waiting index (`ctx.queues`) and the domain's call rules see them. */
import type { WaitingTicket } from "../domain/index.ts";
import type { TicketRow } from "../store/ticketStore.ts";

/** A ticket row as the waiting index and the domain's call and transfer helpers see it (the same numeric ids). */
export function waitingTicketOf(t: TicketRow): WaitingTicket {
  return {
    id: t.id,
    itemId: t.item_id,
    priority: t.priority,
    arrivedAt: t.arrived_at,
    appointmentAt: t.appointment_at,
    targetStaffId: t.target_staff_id,
    targetWindowId: t.target_window_id,
  };
}
