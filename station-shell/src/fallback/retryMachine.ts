/**
 * The fallback page's retry loop as a pure state machine: it counts down, probes the hall-server's /health, returns
 * to the kiosk page when the probe is answered, and waits longer after each failure. The page (fallbackPage.ts)
 * feeds it one `tick` a second and the probe's outcome, renders the state, and acts on entering `probing` (start a
 * probe) and `returning` (navigate to the kiosk page).
 *
 *   waiting --tick (0 s left) | retryNow--> probing --probeAnswered--> returning
 *      ^                                       |
 *      +------------- probeFailed -------------+   (failures + 1, next wait from RETRY_SCHEDULE_SECONDS)
 */

/** Seconds to wait after the 1st, 2nd, 3rd, ... failed probe; the last step repeats. */
export const RETRY_SCHEDULE_SECONDS: readonly number[] = [5, 10, 20, 30];

export interface RetryState {
  readonly phase: "waiting" | "probing" | "returning";
  /** Seconds until the next probe (counted down while waiting; 0 otherwise). */
  readonly secondsLeft: number;
  /** Failed probes so far. */
  readonly failures: number;
}

export type RetryEvent =
  | { readonly type: "tick" }
  | { readonly type: "retryNow" }
  | { readonly type: "probeAnswered" }
  | { readonly type: "probeFailed" };

/** Seconds to wait after `failures` failed probes (failures >= 1). */
export function retryDelaySeconds(failures: number): number {
  const steps = RETRY_SCHEDULE_SECONDS;
  return steps[Math.min(Math.max(failures, 1), steps.length) - 1] ?? 30;
}

/** The state a page starts in: waiting `waitSeconds` (0: probing at once). */
export function initialRetryState(waitSeconds: number): RetryState {
  return waitSeconds > 0
    ? { phase: "waiting", secondsLeft: Math.ceil(waitSeconds), failures: 0 }
    : { phase: "probing", secondsLeft: 0, failures: 0 };
}

/** The state after `event`; events that do not apply in a phase leave it unchanged. */
export function nextRetryState(state: RetryState, event: RetryEvent): RetryState {
  switch (state.phase) {
    case "waiting":
      if (event.type === "retryNow" || (event.type === "tick" && state.secondsLeft <= 1))
        return { phase: "probing", secondsLeft: 0, failures: state.failures };
      if (event.type === "tick") return { ...state, secondsLeft: state.secondsLeft - 1 };
      return state;
    case "probing":
      if (event.type === "probeAnswered") return { phase: "returning", secondsLeft: 0, failures: state.failures };
      if (event.type === "probeFailed") {
        const failures = state.failures + 1;
        return { phase: "waiting", secondsLeft: retryDelaySeconds(failures), failures };
      }
      return state;
    case "returning":
      return state;
  }
}
