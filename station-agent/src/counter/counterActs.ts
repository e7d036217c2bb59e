/**
 * A console or keypad action carried out at the hall-server with the staff member's session token: each action is
 * one request to the hall's existing endpoint (contract/src/counterAgent.ts `CounterAct` lists them). A ticket named
 * by number for cancel/reactivate is found among the tickets this counter knows (current, held, callable, recent).
 */
import {
  IssuedTicket,
  RecallResult,
  TicketView,
  counterReason,
  type AgentReason,
  type ParsedCounterAct,
} from "@onewindow/contract";
import type { HallClient } from "../hall/hallClient.ts";

/** What the counter knows to resolve ticket numbers and fill defaults. */
export interface ActContext {
  readonly current: TicketView | null;
  readonly known: readonly { readonly id: number; readonly number: string }[];
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An action and its arguments, without the page message's envelope (the keypad builds these too). */
export type CounterStep = DistributiveOmit<ParsedCounterAct, "type" | "requestId">;

/** The outcome of an action: done (with the ticket it changed, when one) or refused before any request. */
export type ActOutcome = { ok: true; ticket?: TicketView } | { ok: false; reason: AgentReason };

function ticketIdOf(act: { ticketId?: number; number?: string }, context: ActContext): number | undefined {
  if (act.ticketId !== undefined) return act.ticketId;
  return context.known.find((t) => t.number === act.number)?.id;
}

const view = (answer: unknown): ActOutcome => ({ ok: true, ticket: TicketView.parse(answer) });

/** Carry out `act` with `client` (the session's). Rejects with HallError when the hall refuses or is unreached. */
export async function performAct(client: HallClient, act: CounterStep, context: ActContext): Promise<ActOutcome> {
  const post = (path: string, body: unknown = {}) => client.call("POST", path, body);
  const choice = (a: { ticketId?: number; number?: string }) =>
    a.ticketId !== undefined ? { ticketId: a.ticketId } : { number: a.number };
  switch (act.action) {
    case "callNext":
      return view(await post("/api/counter/call-next"));
    case "call":
      return view(await post("/api/counter/call", choice(act)));
    case "recall":
      return { ok: true, ticket: RecallResult.parse(await post("/api/counter/recall")).ticket };
    case "start":
      return view(await post("/api/counter/start"));
    case "noShow":
      return view(await post("/api/counter/no-show"));
    case "finish":
      return view(
        await post("/api/counter/finish", act.handledItemCodes ? { handledItemCodes: act.handledItemCodes } : {}),
      );
    case "transfer": {
      const itemCode = act.itemCode ?? context.current?.itemCode;
      if (!itemCode) return { ok: false, reason: counterReason("no_current") };
      return view(
        await post("/api/counter/transfer", {
          itemCode,
          note: act.note,
          ...(act.to === "staff" ? { toEmployeeNo: act.employeeNo } : {}),
          ...(act.to === "window" ? { toWindowNumber: act.windowNumber } : {}),
        }),
      );
    }
    case "hold":
      return view(await post("/api/counter/hold"));
    case "unhold":
      return view(await post("/api/counter/unhold", choice(act)));
    case "pause":
      await post("/api/counter/pause", { reason: act.reason });
      return { ok: true };
    case "resume":
      await post("/api/counter/resume");
      return { ok: true };
    case "cancel":
    case "reactivate": {
      const id = ticketIdOf(act, context);
      if (id === undefined) return { ok: false, reason: counterReason("ticket_unknown") };
      return view(await post(`/api/tickets/${id}/${act.action}`));
    }
    case "issueForCitizen": {
      const issued = IssuedTicket.parse(
        await post("/api/tickets", { itemCode: act.itemCode, priority: act.priority, agent: true }),
      );
      return { ok: true, ticket: issued.ticket };
    }
    case "reprint":
      await post(`/api/tickets/${act.ticketId}/reprint`);
      return { ok: true };
  }
}
