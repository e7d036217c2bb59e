/** The hall-server's two-phase issue and device command shapes the agent uses (interfaces A), from the contract. */
import type { z } from "zod";
import type { ReserveTicketBody } from "@onewindow/contract";

export type {
  DeviceCommand,
  IssuedTicket as IssuedTicketAnswer,
  ReservedTicket,
  TicketPrintData,
  VoidReason,
} from "@onewindow/contract";

/** A reserve request as the agent sends it (defaults filled by the server). */
export type ReserveBody = z.input<typeof ReserveTicketBody>;
