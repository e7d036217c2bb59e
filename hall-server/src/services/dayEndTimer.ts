/**
 * A timer set for the exact end of the hall's service day (local midnight, from ./serviceDay.ts), re-armed
 * after each firing. The day's end is a fact of the clock, not of how long the server has been up: the expiry it
 * triggers also runs lazily on the first change after the boundary, so a late, early or missed firing (sleep, NTP
 * step) changes only when screens hear of it, never what happens.
 *
 *   start ──> setTimeout(nextBoundary(clock()) - clock()) ──> onDayEnd() ──> re-arm from clock() ──> ...
 */
import { serviceDayEndsAt } from "./serviceDay.ts";

/** Longest delay setTimeout honours (2^31 - 1 ms, about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What the timer needs: the hall's clock and zone, the task, and (for tests) the timer functions. */
export interface DayEndTimerDeps {
  /** The hall's clock (epoch ms), the same one every use case reads. */
  clock: () => number;
  /** The hall's config: its time zone places midnight. */
  config: { timeZone: string };
  /** Run at each boundary; errors are passed to `onError` and the timer re-arms all the same. */
  onDayEnd: () => void;
  onError: (error: unknown) => void;
  setTimer?: (fn: () => void, ms: number) => { unref?: () => unknown };
  clearTimer?: (handle: unknown) => void;
}

/** A running day-end timer: when it fires next (epoch ms by the hall's clock) and how to stop it. */
export interface DayEndTimer {
  readonly nextAt: number;
  stop(): void;
}

/** Arm the timer for the end of the service day the clock reads now; it re-arms itself after each firing. */
export function startDayEndTimer(deps: DayEndTimerDeps): DayEndTimer {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout));
  let handle: unknown;
  let stopped = false;
  const state = {
    nextAt: 0,
    stop() {
      stopped = true;
      clearTimer(handle);
    },
  };
  const arm = () => {
    if (stopped) return;
    const now = deps.clock();
    state.nextAt = serviceDayEndsAt(deps, now);
    const timer = setTimer(fire, Math.min(MAX_TIMER_MS, Math.max(0, state.nextAt - now)));
    timer.unref?.();
    handle = timer;
  };
  const fire = () => {
    try {
      deps.onDayEnd();
    } catch (error) {
      deps.onError(error);
    }
    arm();
  };
  arm();
  return state;
}
