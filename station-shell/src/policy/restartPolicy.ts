/**
 * When to reload a shell window after its renderer died (`render-process-gone`) or was ended after a hang
 * (`unresponsive` beyond the grace time): after a short delay the first time, then with a doubling one, and at most
 * `maxRestarts` times per `windowMs`. Past the cap the shell stops reloading and shows the bundled fallback page
 * until the oldest restart leaves the window, so a page that crashes on load cannot spin the PC.
 * Each window of a shell keeps its own count (one ShellSupervisor per window).
 */

export interface RestartRules {
  /** Delay before the first restart in a window, ms (doubling with each further one). */
  readonly firstDelayMs: number;
  /** Longest delay, ms. */
  readonly maxDelayMs: number;
  /** Restarts allowed per window. */
  readonly maxRestarts: number;
  /** The sliding window, ms. */
  readonly windowMs: number;
}

export type RestartDecision =
  /** Reload after `delayMs`. */
  | { readonly action: "restart"; readonly delayMs: number }
  /** Too many restarts: show the fallback page for `holdMs`, then restarts are allowed again. */
  | { readonly action: "hold"; readonly holdMs: number };

/** The restart times (epoch ms) still inside the window at `now`, oldest first. */
export function restartsInWindow(restarts: readonly number[], now: number, rules: RestartRules): number[] {
  return restarts.filter((at) => at > now - rules.windowMs && at <= now).sort((a, b) => a - b);
}

/** Decide what to do about a renderer that is gone at `now`, given the earlier restarts' times. */
export function decideRestart(restarts: readonly number[], now: number, rules: RestartRules): RestartDecision {
  const recent = restartsInWindow(restarts, now, rules);
  const oldest = recent[0];
  if (recent.length >= rules.maxRestarts && oldest !== undefined)
    return { action: "hold", holdMs: oldest + rules.windowMs - now };
  return { action: "restart", delayMs: Math.min(rules.maxDelayMs, rules.firstDelayMs * 2 ** recent.length) };
}
