/**
 * The voice: each call event's announcement as audio, for the hall screen to play in turn.
 */
import { announcementAudio } from "../../services/announcements.ts";
import { idParam } from "../principalOf.ts";
import { BinaryAnswer, HALL_WATCHERS, route, type Route } from "../route.ts";

export const voiceRoutes: Route[] = [
  route({
    method: "get",
    path: "/api/voice/announcements/:seq",
    summary:
      "The spoken announcement of the ticket.called event with this seq (recall included), as WAV (PCM 16-bit mono): " +
      "chime, then the words voice.repeat times, Mandarin first (English after it when configured).",
    answer: BinaryAnswer,
    produces: "audio/wav",
    headers: { "X-Announcement-Duration-Ms": "How long the audio plays, in whole milliseconds." },
    errors: ["not_found", "voice_unavailable"],
    access: HALL_WATCHERS,
    handle: async ({ ctx, params }) => {
      const audio = await announcementAudio(ctx, idParam(params, "seq"));
      return { bytes: audio.wav, headers: { "X-Announcement-Duration-Ms": String(audio.durationMs) } };
    },
  }),
];
