/**
 * A hall-server refusal in the counter's words: the server's stable code picks the Chinese sentence, its own
 * English message (specific: "ticket A012 is done, not waiting") is kept as `en`. Not reached or a 5xx: the hall is
 * unreachable, and nothing is pretended.
 */
import { counterReason, type AgentReason, type CounterReasonCode } from "@onewindow/contract";
import { HallError } from "../hall/hallClient.ts";

const known = new Set<string>([
  "not_signed_in",
  "window_busy",
  "no_ticket",
  "invalid_state",
  "conflict",
  "not_found",
  "forbidden",
  "bad_request",
  "item_closed",
  "cap_reached",
  "rate_limited",
]);

/** The reason to show for `error` (a HallError, or anything thrown on the way). */
export function hallRefusal(error: unknown): AgentReason {
  if (!(error instanceof HallError)) return counterReason("refused");
  if (error.unreached) return counterReason("hall_unreachable");
  if (error.status === 401) return counterReason("session_expired");
  const code = known.has(error.code) ? (error.code as CounterReasonCode) : "refused";
  return counterReason(code, { en: error.message });
}
