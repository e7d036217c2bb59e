/**
 * The kiosk's idle timeout: after `idleMs` without a touch or key the page goes back home and forgets any card; for
 * the last `warnMs` of it a countdown shows (in the page, never a pop-up), and any touch restarts the clock. Pure.
 */
export interface IdleState {
  /** "active": nothing shown; "warning": the countdown shows `secondsLeft`; "expired": go home now. */
  readonly phase: "active" | "warning" | "expired";
  /** Whole seconds until "expired", rounded up. */
  readonly secondsLeft: number;
}

/** The idle state at `now` (ms) for a last touch at `lastTouch` (ms). */
export function idleState(lastTouch: number, now: number, idleMs: number, warnMs: number): IdleState {
  const left = Math.max(0, lastTouch + idleMs - now);
  const secondsLeft = Math.ceil(left / 1000);
  if (left === 0) return { phase: "expired", secondsLeft: 0 };
  return { phase: left <= warnMs ? "warning" : "active", secondsLeft };
}
