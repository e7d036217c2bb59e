/**
 * Durable commands for station agents: staff ask the kiosk that printed a ticket to print it again. A command is a
 * row first (so a restart or a dropped socket loses nothing), then sent over /ws to that device's open sockets, and
 * again on each of its (re)connects, until the agent answers it.
 *
 *   reprint (staff) --> device_commands row + audit + device.command_queued --> bus "command" --> /ws of the device
 *   (re)connect of the device's socket --> every pending command, oldest first
 *   result (the device) --> answered (first answer counts) + device.command_answered
 */
import type { DeviceCommand, DeviceCommandView } from "@onewindow/contract";
import { AppError } from "../errors.ts";
import type { DeviceCommandRow } from "../store/deviceCommandStore.ts";
import type { HallContext } from "./context.ts";
import { printView } from "./reservations.ts";
import { getTicket } from "./tickets.ts";
import { CLI_OPERATOR_REF, staffRef } from "./views.ts";

/** Who asks for a reprint: a staff member, or the hall's operator at the CLI. */
export type CommandActor = { staffId: number } | "cli";

function commandView(ctx: HallContext, c: DeviceCommandRow): DeviceCommandView {
  return {
    id: c.id,
    kind: c.kind,
    deviceId: c.device_id,
    ticketId: c.ticket_id,
    number: getTicket(ctx, c.ticket_id).number,
    createdAt: c.created_at,
    state: c.answered_at === null ? "pending" : c.ok === 1 ? "done" : "failed",
    answeredAt: c.answered_at,
    reason: c.reason,
  };
}

/** The command as /ws sends it to the station (print data with the ticket's masked name while it has one). */
export function commandMessage(ctx: HallContext, c: DeviceCommandRow): DeviceCommand {
  const ticket = getTicket(ctx, c.ticket_id);
  return {
    id: c.id,
    kind: c.kind,
    ticketId: c.ticket_id,
    print: printView(c.print, ticket, true),
    createdAt: c.created_at,
  };
}

/** Commands device `deviceId` has not answered yet, as /ws sends them, oldest first. */
export function pendingCommands(ctx: HallContext, deviceId: number): DeviceCommand[] {
  return ctx.store.deviceCommands.pending(deviceId).map((c) => commandMessage(ctx, c));
}

/**
 * Queue a reprint of ticket `ticketId` at the kiosk that printed it (audited); it reaches the kiosk over /ws.
 * Throws AppError not_found (no such ticket), conflict (not printed by a kiosk: one-phase, still reserved or voided;
 * or that kiosk has been revoked).
 */
export function reprintTicket(ctx: HallContext, actor: CommandActor, ticketId: number): { command: DeviceCommandView } {
  return ctx.commit((tx) => {
    const t = getTicket(ctx, ticketId);
    const r = ctx.store.reservations.get(t.id);
    if (!r || r.printed_at === null)
      throw new AppError("conflict", `ticket ${t.number} was not printed by a kiosk: there is no paper to print again`);
    const device = ctx.store.devices.get(r.device_id);
    if (!device || device.revoked === 1)
      throw new AppError("conflict", `the kiosk that printed ticket ${t.number} is no longer registered`);
    const staffId = actor === "cli" ? null : actor.staffId;
    const id = ctx.store.deviceCommands.insert({
      device_id: r.device_id,
      kind: "reprint",
      ticket_id: t.id,
      print: r.print,
      created_at: tx.now,
      created_by_staff: staffId,
    });
    ctx.store.audit.record(tx.now, staffId === null ? "cli" : `staff:${staffId}`, "reprint", {
      ticketId: t.id,
      number: t.number,
      deviceId: r.device_id,
      commandId: id,
    });
    tx.emit({
      type: "device.command_queued",
      data: {
        commandId: id,
        deviceId: r.device_id,
        kind: "reprint",
        ticketId: t.id,
        by: staffId === null ? CLI_OPERATOR_REF : staffRef(ctx, staffId),
      },
    });
    const row = ctx.store.deviceCommands.get(id)!;
    tx.after(() => ctx.bus.emit("command", r.device_id, commandMessage(ctx, row)));
    return { command: commandView(ctx, row) };
  });
}

/**
 * Device `deviceId` answers its command `commandId`: done, or failed with a reason. The first answer counts; again
 * answers the same. Throws AppError not_found (no such command of this device: another's is not revealed).
 */
export function answerCommand(
  ctx: HallContext,
  deviceId: number,
  commandId: number,
  result: { ok: boolean; reason?: string | undefined },
): DeviceCommandView {
  return ctx.commit((tx) => {
    const c = ctx.store.deviceCommands.get(commandId);
    if (!c || c.device_id !== deviceId) throw new AppError("not_found", `no command ${commandId} for this device`);
    if (c.answered_at !== null) return commandView(ctx, c);
    const reason = result.reason ?? null;
    ctx.store.deviceCommands.answer(c.id, tx.now, result.ok, reason);
    tx.emit({ type: "device.command_answered", data: { commandId: c.id, deviceId, ok: result.ok, reason } });
    return commandView(ctx, ctx.store.deviceCommands.get(c.id)!);
  });
}
