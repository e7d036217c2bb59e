/**
 * A ticket after it is issued: staff read, cancel or reactivate it; a citizen follows their own on the public token
 * page.
 */
import { PublicTicketStatus, TicketStatus, TicketView } from "@onewindow/contract";
import { publicTicketStatus } from "../../services/publicTicket.ts";
import { cancelTicket, getTicket, reactivateTicket } from "../../services/tickets.ts";
import { ticketView } from "../../services/views.ts";
import { waitInfo } from "../../services/waitEstimate.ts";
import { idParam } from "../principalOf.ts";
import { STAFF, route, type Route } from "../route.ts";
import { EmptyBody } from "./shared.ts";

export const ticketRoutes: Route[] = [
  route({
    method: "get",
    path: "/api/tickets/:id",
    summary: "A ticket, with its expected wait while it waits.",
    answer: TicketStatus,
    errors: ["not_found"],
    // Not kiosks: a citizen follows their own ticket on the public token page.
    access: ["counter", ...STAFF],
    handle: ({ ctx, params }) => {
      const t = getTicket(ctx, idParam(params));
      return { ticket: ticketView(ctx, t), ...(t.state === "waiting" ? waitInfo(ctx, t.item_id, t.id) : {}) };
    },
  }),
  route({
    method: "post",
    path: "/api/tickets/:id/cancel",
    summary: "Cancel a ticket.",
    answer: TicketView,
    errors: ["not_found", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, params }) => cancelTicket(ctx, idParam(params)),
  }),
  route({
    method: "post",
    path: "/api/tickets/:id/reactivate",
    summary: "Put a no-show or cancelled ticket back in the queue.",
    answer: TicketView,
    errors: ["not_found", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, params }) => reactivateTicket(ctx, idParam(params)),
  }),
  route({
    method: "get",
    path: "/api/public/tickets/:token",
    summary: "A citizen's own ticket by its unguessable token (no personal data).",
    answer: PublicTicketStatus,
    errors: ["not_found"],
    access: ["public"],
    rateLimit: "ticketStatus",
    handle: ({ ctx, params }) => publicTicketStatus(ctx, params.token ?? ""),
  }),
];
