/**
 * What a caller keypad key does, as a plan of counter actions (pure). The mapping is the station config's
 * `keypad.keys` over the default of issue 11 (config.ts DEFAULT_KEYPAD_MAP):
 *
 *   next      finish the current citizen (started first when only called: a keypad has no start key) and call
 *             the next; with nobody at the window, just call the next
 *   recall    recall the called citizen          skip      no-show
 *   pause     pause with `keypad.pauseReason` (default 暂离)           resume    resume
 *   transfer  transfer the current citizen to the window keyed in, keeping the item
 *   login     refused: a keypad carries no PIN; staff sign in at the console
 *   logout    sign out
 *   requestRating  ask the citizen again to rate the service that finished last (the ratings module decides)
 */
import { counterReason, type AgentReason, type CounterState } from "@onewindow/contract";
import type { caller } from "@onewindow/drivers";
import { DEFAULT_KEYPAD_MAP, type CounterKeypadConfig, type KeypadAction } from "../config.ts";
import type { CounterStep } from "./counterActs.ts";

/** One step of a plan: an action without its envelope, or signing out. */
export type KeypadStep = CounterStep | { readonly action: "signOut" };

export type KeypadPlan =
  | { readonly kind: "steps"; readonly steps: readonly KeypadStep[] }
  | { readonly kind: "refuse"; readonly reason: AgentReason }
  /** Ask the citizen again to rate the service that finished last (the ratings module, ratingStation.ts). */
  | { readonly kind: "requestRating" }
  | { readonly kind: "ignore" };

/** The action `key` is mapped to. */
export function keypadActionOf(key: caller.CallerAction["kind"], config: CounterKeypadConfig): KeypadAction {
  return config.keys[key] ?? DEFAULT_KEYPAD_MAP[key];
}

/** The plan for `key` pressed while the counter is in `state`. */
export function planKey(
  key: caller.CallerAction,
  state: Pick<CounterState, "current">,
  config: CounterKeypadConfig,
): KeypadPlan {
  const steps = (...list: KeypadStep[]): KeypadPlan => ({ kind: "steps", steps: list });
  const current = state.current?.state;
  switch (keypadActionOf(key.kind, config)) {
    case "finishThenCallNext":
      if (current === "called") return steps({ action: "start" }, { action: "finish" }, { action: "callNext" });
      if (current === "serving") return steps({ action: "finish" }, { action: "callNext" });
      return steps({ action: "callNext" });
    case "callNext":
      return steps({ action: "callNext" });
    case "recall":
      return steps({ action: "recall" });
    case "noShow":
      return steps({ action: "noShow" });
    case "pause":
      return steps({ action: "pause", reason: config.pauseReason });
    case "resume":
      return steps({ action: "resume" });
    case "transferToWindow":
      if (key.kind !== "transfer") return { kind: "refuse", reason: counterReason("key_unassigned") };
      return steps({ action: "transfer", to: "window", windowNumber: key.targetWindow, note: "" });
    case "signOut":
      return steps({ action: "signOut" });
    case "requestRating":
      return { kind: "requestRating" };
    case "refuse":
      return { kind: "refuse", reason: counterReason(key.kind === "login" ? "keypad_login" : "key_unassigned") };
    case "ignore":
      return { kind: "ignore" };
  }
}
