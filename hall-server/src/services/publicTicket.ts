/**
 * The citizen's own ticket as the phone status page reads it (GET /api/public/tickets/:token): where it stands, the
 * item's last call, a transfer, a no-show's reactivation deadline, and the forecast while it waits. No personal
 * data at all, not even masked: the token in the link is the only key.
 */
import type { PublicTicketStatus } from "@onewindow/contract";
import { AppError } from "../errors.ts";
import type { HallContext } from "./context.ts";
import { serviceDay } from "./serviceDay.ts";
import { waitInfo } from "./waitEstimate.ts";

/** The ticket holding public token `token`. Throws AppError "not_found" when no ticket has it. */
export function publicTicketStatus(ctx: HallContext, token: string): PublicTicketStatus {
  const t = ctx.store.tickets.byPublicToken(token);
  if (!t) throw new AppError("not_found", "no such ticket");
  const { catalog, store, config } = ctx;
  const windowNumber = (id: number | null) => (id === null ? null : (catalog.windowsById.get(id)?.number ?? null));
  const lastCalled = store.tickets.lastCalledOfItem(t.day, t.item_id);
  const fromItem = store.tickets.lastTransferredItem(t.id);
  const reactivateMinutes = config.queue.reactivateMinutes;
  const now = ctx.clock();
  // A read writes nothing (services/dayEnd.ts): a ticket still waiting from an ended day is shown as what the next
  // change or the day-end timer makes it, never as waiting.
  const state = t.state === "waiting" && t.day < serviceDay(ctx, now) ? "expired" : t.state;
  return {
    number: t.number,
    itemName: catalog.itemsById.get(t.item_id)?.name ?? "",
    itemNameEn: catalog.itemsById.get(t.item_id)?.nameEn ?? "",
    state,
    windowNumber: windowNumber(t.window_id),
    now,
    timeZone: config.timeZone,
    stateAt: t.state_at,
    recallCount: t.recall_count,
    lastCalled: lastCalled ? { number: lastCalled.number, windowNumber: windowNumber(lastCalled.window_id) } : null,
    transfer:
      fromItem === undefined
        ? null
        : {
            fromItemName: catalog.itemsById.get(fromItem)?.name ?? "",
            fromItemNameEn: catalog.itemsById.get(fromItem)?.nameEn ?? "",
            toWindowNumber: windowNumber(t.target_window_id),
          },
    // The same rule as reactivateTicket (domain canReactivate): a window of 0 turns reactivation off.
    reactivateUntil: t.state === "no_show" && reactivateMinutes > 0 ? t.state_at + reactivateMinutes * 60_000 : null,
    ...(state === "waiting" ? waitInfo(ctx, t.item_id, t.id) : {}),
  };
}
