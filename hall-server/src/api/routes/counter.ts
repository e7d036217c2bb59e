/**
 * The counter: the signed-in staff member's window (call, recall, serve, transfer, hold, pause).
 */
import {
  CallTicketBody,
  CounterWaiting,
  FinishBody,
  OkAnswer,
  PauseBody,
  RecallResult,
  TicketView,
  TransferBody,
  UnholdBody,
  type TicketChoiceBody,
} from "@onewindow/contract";
import { callableTickets, callNext, callTicket, recall } from "../../services/calls.ts";
import type { HallContext } from "../../services/context.ts";
import {
  finishService,
  holdTicket,
  noShow,
  startService,
  transferTicket,
  unholdTicket,
} from "../../services/serving.ts";
import { pauseWindow, resumeWindow } from "../../services/staffSessions.ts";
import { ticketIdByNumber } from "../../services/tickets.ts";
import { staffOf, stationOf } from "../principalOf.ts";
import { STAFF, route, type Route } from "../route.ts";
import { EmptyBody, OK } from "./shared.ts";

/** The internal id of a ticket chosen by id or by today's printed number (resolved inside the change's transaction). */
function chosenTicketId(ctx: HallContext, body: TicketChoiceBody): number {
  return body.ticketId ?? ticketIdByNumber(ctx, body.number ?? "");
}

export const counterRoutes: Route[] = [
  route({
    method: "get",
    path: "/api/counter/waiting",
    summary: "Tickets the signed-in staff member may call at their window.",
    answer: CounterWaiting,
    errors: ["not_signed_in"],
    access: STAFF,
    handle: ({ ctx, principal }) => {
      const s = stationOf(principal);
      return callableTickets(ctx, s.staffId, s.windowId);
    },
  }),
  route({
    method: "post",
    path: "/api/counter/call-next",
    summary: "Call the next ticket by the call policy.",
    answer: TicketView,
    errors: ["not_signed_in", "no_ticket", "window_busy", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => callNext(ctx, stationOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/counter/call",
    summary: "Call a chosen waiting ticket out of order (audited).",
    answer: TicketView,
    errors: ["not_signed_in", "not_found", "window_busy", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: CallTicketBody,
    handle: ({ ctx, principal, body }) => callTicket(ctx, stationOf(principal), chosenTicketId(ctx, body)),
  }),
  route({
    method: "post",
    path: "/api/counter/recall",
    summary: "Recall the current ticket; after the last recall it becomes a no-show.",
    answer: RecallResult,
    errors: ["not_signed_in", "no_ticket", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => recall(ctx, stationOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/counter/start",
    summary: "Start serving the called ticket.",
    answer: TicketView,
    errors: ["not_signed_in", "no_ticket", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => startService(ctx, stationOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/counter/finish",
    summary: "Finish serving, naming the items handled.",
    answer: TicketView,
    errors: ["not_signed_in", "no_ticket", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: FinishBody,
    handle: ({ ctx, principal, body }) => finishService(ctx, stationOf(principal), body.handledItemCodes),
  }),
  route({
    method: "post",
    path: "/api/counter/no-show",
    summary: "Mark the called ticket a no-show.",
    answer: TicketView,
    errors: ["not_signed_in", "no_ticket", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => noShow(ctx, stationOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/counter/transfer",
    summary:
      "Transfer the current ticket to another item, staff member or window; refused (409) when no window serves the " +
      "item or nobody is qualified for it, as nobody could ever call it.",
    answer: TicketView,
    errors: ["not_signed_in", "no_ticket", "not_found", "conflict", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: TransferBody,
    handle: ({ ctx, principal, body }) => transferTicket(ctx, stationOf(principal), body),
  }),
  route({
    method: "post",
    path: "/api/counter/hold",
    summary: "Put the current ticket on hold (citizen fetching a document).",
    answer: TicketView,
    errors: ["not_signed_in", "no_ticket", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => holdTicket(ctx, stationOf(principal)),
  }),
  route({
    method: "post",
    path: "/api/counter/unhold",
    summary: "Serve a held ticket again.",
    answer: TicketView,
    errors: ["not_signed_in", "not_found", "window_busy", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: UnholdBody,
    handle: ({ ctx, principal, body }) => unholdTicket(ctx, stationOf(principal), chosenTicketId(ctx, body)),
  }),
  route({
    method: "post",
    path: "/api/counter/pause",
    summary: "Pause the window, with a reason.",
    answer: OkAnswer,
    errors: ["not_signed_in", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: PauseBody,
    handle: ({ ctx, principal, body }) => (pauseWindow(ctx, staffOf(principal), body.reason), OK),
  }),
  route({
    method: "post",
    path: "/api/counter/resume",
    summary: "Resume a paused window.",
    answer: OkAnswer,
    errors: ["not_signed_in", "invalid_state"],
    groupCommit: true,
    access: STAFF,
    body: EmptyBody,
    handle: ({ ctx, principal }) => (resumeWindow(ctx, staffOf(principal)), OK),
  }),
];
