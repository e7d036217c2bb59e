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

/**
 * The reason to show for `error` (a HallError, or anything thrown on the way) answering `action`. A 401 means a
 * session that ended, except for a sign-in, where there is no session yet: there it is a wrong employee number or
 * PIN, and a 429 is the hall's lockout after repeated wrong PINs (its English says for how long).
 */
export function hallRefusal(error: unknown, action?: string): AgentReason {
  if (!(error instanceof HallError)) return counterReason("refused");
  if (error.unreached) return counterReason("hall_unreachable");
  if (action === "signIn" && error.status === 401) return counterReason("wrong_credentials");
  if (action === "signIn" && error.status === 429) return counterReason("sign_in_locked", { en: error.message });
  if (error.status === 401) return counterReason("session_expired");
  const code = known.has(error.code) ? (error.code as CounterReasonCode) : "refused";
  // "no_ticket" is "nobody waiting" to a call, and "nobody at the window" to anything else.
  if (code === "no_ticket" && action !== "callNext" && action !== "call")
    return { code, words: { zh: counterReason("no_current").words.zh, en: error.message } };
  return counterReason(code, { en: error.message });
}
