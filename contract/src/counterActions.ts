/**
 * Which console controls a counter's state allows, and why each other one is refused, in plain words. Pure: the
 * agent puts the result into every `counter` message; the console greys out refused buttons and shows the why.
 * The hall-server stays the judge: an allowed action can still be refused by it (e.g. a ticket another console took),
 * and that refusal comes back as `actRefused` with the server's words.
 *
 * Mirrors the server's ticket machine (hall-server/src/domain/ticketMachine.ts):
 *   called:  recall, start, noShow, transfer, cancel      serving: finish, transfer, hold
 *   on_hold: unhold (window free), transfer, cancel       a window calls only when open and free
 */
import type { AgentReason } from "./agentWords.ts";
import {
  COUNTER_CONTROLS,
  counterReason,
  type ActionVerdict,
  type CounterActions,
  type CounterControl,
  type CounterReasonCode,
  type CounterState,
} from "./counterAgent.ts";

/** The part of the state the verdicts depend on. */
export type CounterFacts = Pick<CounterState, "connected" | "window" | "staff" | "current" | "held" | "callable"> & {
  /** Whether the station is paired (has a device token). Default true. */
  readonly paired?: boolean;
};

const yes: ActionVerdict = { allowed: true };
const no = (code: CounterReasonCode): ActionVerdict => ({ allowed: false, why: counterReason(code) });

/** The verdict of `control` in `facts` (see the file comment). */
export function counterVerdict(control: CounterControl, facts: CounterFacts): ActionVerdict {
  if (facts.paired === false) return no("not_paired");
  if (!facts.connected) return no("hall_unreachable");
  if (control === "signIn") return facts.staff ? no("already_signed_in") : yes;
  if (!facts.staff) return no("not_signed_in");
  const paused = facts.window.state === "paused";
  const current = facts.current?.state;
  const waiting = facts.callable.length > 0;
  const must = (...checks: (CounterReasonCode | false)[]): ActionVerdict => {
    const failed = checks.find((check): check is CounterReasonCode => check !== false);
    return failed ? no(failed) : yes;
  };
  switch (control) {
    case "signOut":
    case "issueForCitizen":
    case "reprint":
    case "cancel":
    case "reactivate":
      return yes;
    case "callNext":
    case "call":
      return must(paused && "window_paused", current !== undefined && "window_busy", !waiting && "nobody_waiting");
    case "recall":
    case "start":
    case "noShow":
      return must(current === undefined && "no_current", current !== undefined && current !== "called" && "not_called");
    case "finish":
    case "hold":
      return must(current === undefined && "no_current", current === "called" && "not_serving");
    case "transfer":
      return must(current === undefined && "no_current");
    case "unhold":
      return must(facts.held.length === 0 && "none_held", current !== undefined && "window_busy");
    case "pause":
      return must(paused && "already_paused");
    case "resume":
      return must(!paused && "window_not_paused");
  }
}

/** The verdict of every control (the `actions` of a `counter` message). */
export function counterActions(facts: CounterFacts): CounterActions {
  return Object.fromEntries(COUNTER_CONTROLS.map((control) => [control, counterVerdict(control, facts)])) as Record<
    CounterControl,
    ActionVerdict
  >;
}

/** The refusal of `control` in `facts`, or undefined when allowed (what the agent answers before calling the hall). */
export function counterRefusal(control: CounterControl, facts: CounterFacts): AgentReason | undefined {
  const verdict = counterVerdict(control, facts);
  return verdict.allowed ? undefined : verdict.why;
}
