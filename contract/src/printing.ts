/**
 * What a station prints, and the commands the hall-server sends a station agent over /ws. A kiosk gets
 * `TicketPrintData` with its reservation (POST /api/tickets/reservations) and lays the paper out from it; a reprint
 * command carries the same data with `reprint: true`. Never unmasked personal data. Times are epoch milliseconds.
 */
import { z } from "zod";
import { DeviceCommandKind } from "./enums.ts";

const epochMs = z.number().int().nonnegative();

/** Everything printed on a queue ticket, computed by the hall-server when the number is reserved. */
export const TicketPrintData = z.strictObject({
  hallName: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  /** As printed, e.g. "A012". */
  number: z.string(),
  /** When the number was reserved (epoch ms). */
  issuedAt: epochMs,
  /** People waiting for the item when the number was reserved. */
  ahead: z.number().int().nonnegative(),
  expectedWaitMinutes: z.number().nonnegative(),
  /** e.g. "张*"; absent when no name was read. */
  nameMasked: z.string().optional(),
  /** Where to wait: "floor area" of the windows that serve the item. */
  areas: z.array(z.string()),
  /** Numbers of the windows that serve the item, as text ("3"). */
  windows: z.array(z.string()),
  /** The item's required materials (一次性告知), one line each, "" when none are listed. */
  materialsHint: z.string(),
  /** The citizen's status page: the hall's public base URL (or its listen origin) + "/t/" + the ticket's token. */
  statusUrl: z.string(),
  /** True on a reprint (staff asked for a copy), so the paper can say so. */
  reprint: z.boolean(),
});
export type TicketPrintData = z.infer<typeof TicketPrintData>;

/** A command for a station agent, as /ws delivers it (`{type: "command", command}`) until the agent answers it. */
export const DeviceCommand = z.strictObject({
  id: z.number().int().positive(),
  kind: DeviceCommandKind,
  ticketId: z.number().int().positive(),
  print: TicketPrintData,
  createdAt: epochMs,
});
export type DeviceCommand = z.infer<typeof DeviceCommand>;

/** A device command as staff see it: whom it is for, and whether the station answered (and how). */
export const DeviceCommandView = z.strictObject({
  id: z.number().int().positive(),
  kind: DeviceCommandKind,
  deviceId: z.number().int().positive(),
  ticketId: z.number().int().positive(),
  /** Ticket number, e.g. "A012". */
  number: z.string(),
  createdAt: epochMs,
  /** "pending" until the station answers; then "done" or "failed" (with `reason`). */
  state: z.enum(["pending", "done", "failed"]),
  answeredAt: epochMs.nullable(),
  reason: z.string().nullable(),
});
export type DeviceCommandView = z.infer<typeof DeviceCommandView>;
