/**
 * Issuing numbers: the one-phase issue (staff, online hall), the kiosk's reserve-print-confirm (or void) flow, a
 * reprint, the day's ledger of every number, and the expected wait a kiosk shows before issuing.
 */
import {
  IssuedTicket,
  IssueTicketBody,
  LedgerQuery,
  ReprintAnswer,
  ReservedTicket,
  ReserveTicketBody,
  TicketLedger,
  TicketView,
  VoidTicketBody,
  WaitInfo,
} from "@onewindow/contract";
import { AppError } from "../../errors.ts";
import { reprintTicket } from "../../services/deviceCommands.ts";
import { confirmPrinted, reserveTicket, ticketLedger, voidReservation } from "../../services/reservations.ts";
import { issueTicket } from "../../services/tickets.ts";
import { waitInfo } from "../../services/waitEstimate.ts";
import { actorOf, deviceOf, idParam, staffOf } from "../principalOf.ts";
import { STAFF, SUPERVISORS, route, type Route } from "../route.ts";
import { EmptyBody, issuerOf } from "./shared.ts";

export const issuingRoutes: Route[] = [
  route({
    method: "post",
    path: "/api/tickets",
    summary: "Issue a ticket in one phase (staff, online hall); a kiosk reserves instead (409 names that flow).",
    answer: IssuedTicket,
    errors: ["not_found", "item_closed", "cap_reached", "conflict"],
    groupCommit: true,
    access: ["kiosk", "gateway", ...STAFF],
    body: IssueTicketBody,
    rateLimit: "issue",
    status: 201,
    handle: ({ ctx, principal, body }) => issueTicket(ctx, body, issuerOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/tickets/reservations",
    summary:
      "A kiosk reserves the next number (walk-in issue or appointment check-in) while it prints; the same requestKey answers the same reservation.",
    answer: ReservedTicket,
    errors: ["not_found", "item_closed", "cap_reached", "invalid_state", "conflict"],
    groupCommit: true,
    access: ["kiosk"],
    body: ReserveTicketBody,
    rateLimit: "issue",
    status: 201,
    handle: ({ ctx, principal, body }) => reserveTicket(ctx, deviceOf(principal).deviceId, body),
  }),
  route({
    method: "post",
    path: "/api/tickets/:id/printed",
    summary: "The reserving kiosk confirms the ticket printed: it now waits and is announced (again: same answer).",
    answer: IssuedTicket,
    errors: ["not_found", "invalid_state"],
    groupCommit: true,
    access: ["kiosk"],
    body: EmptyBody,
    handle: ({ ctx, principal, params }) => confirmPrinted(ctx, deviceOf(principal).deviceId, idParam(params)),
  }),
  route({
    method: "post",
    path: "/api/tickets/:id/void",
    summary:
      "The reserving kiosk (or a supervisor) voids a reservation whose ticket did not print; refused once printed.",
    answer: TicketView,
    errors: ["not_found", "invalid_state"],
    groupCommit: true,
    access: ["kiosk", ...SUPERVISORS],
    body: VoidTicketBody,
    handle: ({ ctx, principal, params, body }) =>
      voidReservation(
        ctx,
        principal?.kind === "device"
          ? { kind: "device", deviceId: principal.deviceId }
          : { kind: "staff", staffId: staffOf(principal).staffId },
        idParam(params),
        body,
      ),
  }),
  route({
    method: "post",
    path: "/api/tickets/:id/reprint",
    summary: "Print a ticket again at the kiosk that printed it (audited); the kiosk gets the command over /ws.",
    answer: ReprintAnswer,
    errors: ["not_found", "conflict"],
    access: STAFF,
    body: EmptyBody,
    status: 201,
    handle: ({ ctx, principal, params }) => reprintTicket(ctx, actorOf(principal), idParam(params)),
  }),
  route({
    method: "get",
    path: "/api/tickets/ledger",
    summary: "Every number of a service day (?day=YYYY-MM-DD, default today) with its state; voided ones with why.",
    answer: TicketLedger,
    access: SUPERVISORS,
    query: LedgerQuery,
    handle: ({ ctx, query }) => {
      const { day } = query as LedgerQuery;
      return day === undefined ? ticketLedger(ctx) : ticketLedger(ctx, day);
    },
  }),
  route({
    method: "get",
    path: "/api/items/:code/wait",
    summary: "Expected wait for a new ticket of an item.",
    answer: WaitInfo,
    errors: ["not_found"],
    access: ["kiosk", "gateway", "screen", ...STAFF],
    handle: ({ ctx, params }) => {
      const item = ctx.catalog.item(params.code ?? "");
      if (!item) throw new AppError("not_found", `no active service item with code ${params.code ?? ""}`);
      return waitInfo(ctx, item.id);
    },
  }),
];
