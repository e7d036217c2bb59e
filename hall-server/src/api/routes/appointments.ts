/**
 * Appointments: booking a slot, checking one in, releasing today's unclaimed ones, counting them.
 */
import {
  AppointmentCounts,
  BookAppointmentBody,
  BookedAppointment,
  CheckedInTicket,
  CheckInBody,
  ReleasedAppointments,
} from "@onewindow/contract";
import { appointmentCounts, bookAppointment, checkIn, releaseUnclaimed } from "../../services/appointments.ts";
import { staffOf } from "../principalOf.ts";
import { STAFF, SUPERVISORS, route, type Route } from "../route.ts";
import { EmptyBody, issuerOf } from "./shared.ts";

export const appointmentRoutes: Route[] = [
  route({
    method: "post",
    path: "/api/appointments",
    summary: "Book an appointment slot.",
    answer: BookedAppointment,
    errors: ["not_found", "item_closed", "cap_reached", "conflict"],
    groupCommit: true,
    access: ["gateway", ...STAFF],
    body: BookAppointmentBody,
    status: 201,
    handle: ({ ctx, principal, body }) =>
      bookAppointment(
        ctx,
        body,
        principal?.kind === "device" ? `device:${principal.deviceId}` : `staff:${staffOf(principal).staffId}`,
      ),
  }),
  route({
    method: "post",
    path: "/api/appointments/check-in",
    summary: "Check an appointment in (staff, one phase): it becomes a ticket; a kiosk reserves instead (409).",
    answer: CheckedInTicket,
    errors: ["not_found", "invalid_state", "item_closed", "cap_reached", "conflict"],
    groupCommit: true,
    access: ["kiosk", ...STAFF],
    body: CheckInBody,
    rateLimit: "issue",
    status: 201,
    handle: ({ ctx, principal, body }) => checkIn(ctx, body, issuerOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/appointments/release-unclaimed",
    summary: "Release today's unclaimed appointments.",
    answer: ReleasedAppointments,
    access: SUPERVISORS,
    body: EmptyBody,
    handle: ({ ctx }) => ({ released: releaseUnclaimed(ctx) }),
  }),
  route({
    method: "get",
    path: "/api/appointments/counts",
    summary: "Today's appointments by state.",
    answer: AppointmentCounts,
    access: SUPERVISORS,
    handle: ({ ctx }) => appointmentCounts(ctx),
  }),
];
