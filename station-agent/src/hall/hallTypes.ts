/**
 * Shapes of the hall-server's two-phase issue and device commands (interfaces A), as the agent uses them.
 * Replaced by the contract's schemas when they land (helper "two-phase").
 */
import type { CheckInBodyInput, IssueTicketBody, TicketView } from "./contractShapes.ts";

export type VoidReason =
  "print_failed" | "printer_not_ready" | "agent_restarted" | "unconfirmed_timeout" | "supervisor";

export interface TicketPrintData {
  readonly hallName: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly number: string;
  readonly issuedAt: number;
  readonly ahead: number;
  readonly expectedWaitMinutes: number;
  readonly nameMasked?: string;
  readonly areas: readonly string[];
  readonly windows: readonly string[];
  readonly materialsHint: string;
  readonly statusUrl: string;
  readonly reprint: boolean;
}

export type ReserveBody =
  | { readonly requestKey: string; readonly issue: IssueTicketBody }
  | { readonly requestKey: string; readonly checkIn: CheckInBodyInput };

export interface ReservedTicket {
  readonly ticket: TicketView;
  readonly expiresAt: number;
  readonly print: TicketPrintData;
}

export interface IssuedTicketAnswer {
  readonly ticket: TicketView;
}

export interface DeviceCommand {
  readonly id: number;
  readonly kind: "reprint";
  readonly ticketId: number;
  readonly print: TicketPrintData;
  readonly createdAt: number;
}
