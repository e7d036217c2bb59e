/** The spoken announcement of one call event, for the hall's screens to play (GET /api/voice/announcements/:seq). */
import { AppError } from "../errors.ts";
import type { AnnouncementAudio } from "../voice/voice.ts";
import type { HallContext } from "./context.ts";

/**
 * The audio of the `ticket.called` event numbered `seq` (a first call or a recall): the ticket's number and window
 * as that event recorded them, said by the hall's voice. Rejects with AppError `not_found` when `seq` is no call
 * event, `voice_unavailable` when no voice engine speaks.
 */
export async function announcementAudio(ctx: HallContext, seq: number): Promise<AnnouncementAudio> {
  const event = ctx.events.since(seq - 1, 1)[0];
  if (event?.seq !== seq || event.type !== "ticket.called")
    throw new AppError("not_found", `event ${seq} is not a call (ticket.called)`);
  return ctx.voice.announce(event.data.ticket.number, event.data.window.number);
}
