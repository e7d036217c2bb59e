/**
 * Expected waiting time per item: a moving estimate of how long one request of the item takes to handle, and
 * the wait it implies for someone with N people ahead while S qualified staff are signed in.
 */

/** Observations shorter than this (minutes) are mis-clicks (start and finish pressed together) and ignored. */
export const MIN_OBSERVED_MINUTES = 0.1;
/** Observations longer than this (minutes, 8 h) are tickets left open over a break or night and ignored. */
export const MAX_OBSERVED_MINUTES = 8 * 60;

/**
 * Exponentially weighted moving average of handle minutes: `prev + alpha × (observed − prev)`.
 * An observation that is not finite, below `MIN_OBSERVED_MINUTES` (0.1 min) or above `MAX_OBSERVED_MINUTES`
 * (8 h) is absurd and ignored: `prev` is returned unchanged. When `prev` is not a positive finite number (no
 * estimate yet), a sane observation becomes the estimate. `alpha` must be in (0, 1] (RangeError otherwise):
 * 0.2 lets the last ~10 services dominate.
 */
export function updateHandleEstimate(prevMinutes: number, observedMinutes: number, alpha = 0.2): number {
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError(`alpha must be in (0, 1], got ${alpha}`);
  const sane =
    Number.isFinite(observedMinutes) &&
    observedMinutes >= MIN_OBSERVED_MINUTES &&
    observedMinutes <= MAX_OBSERVED_MINUTES;
  if (!sane) return prevMinutes;
  if (!(Number.isFinite(prevMinutes) && prevMinutes > 0)) return observedMinutes;
  return prevMinutes + alpha * (observedMinutes - prevMinutes);
}

/** Inputs of `expectedWaitMinutes`. */
export interface WaitInput {
  /** People ahead in the queue (from `WaitingQueues.position`). Integer ≥ 0. */
  peopleAhead: number;
  /** Staff signed in now who are qualified for the item (and at a window allowed to serve it). ≥ 0. */
  qualifiedStaff: number;
  /** Moving estimate of handle minutes for the item. > 0. */
  handleMinutes: number;
}

/**
 * Expected wait in whole minutes, rounded up (an under-promise is kinder than an over-promise):
 * `ceil(peopleAhead × handleMinutes / staff)`. The people ahead are shared among the staff, so the wait is the
 * queue's work divided by the number of servers. With no qualified staff signed in, one is assumed and
 * `staffed` is false, so the screen can say the estimate is uncertain. Throws RangeError on negative or
 * non-finite inputs, or a handle time ≤ 0.
 */
export function expectedWaitMinutes(input: WaitInput): { minutes: number; staffed: boolean } {
  const { peopleAhead, qualifiedStaff, handleMinutes } = input;
  if (!Number.isInteger(peopleAhead) || peopleAhead < 0)
    throw new RangeError(`peopleAhead must be an integer ≥ 0, got ${peopleAhead}`);
  if (!Number.isFinite(qualifiedStaff) || qualifiedStaff < 0)
    throw new RangeError(`qualifiedStaff must be a number ≥ 0, got ${qualifiedStaff}`);
  if (!Number.isFinite(handleMinutes) || handleMinutes <= 0)
    throw new RangeError(`handleMinutes must be a number > 0, got ${handleMinutes}`);
  const staff = Math.floor(qualifiedStaff);
  const staffed = staff >= 1;
  // Round away float noise (0.1 × 30 = 3.0000000000000004) before the ceiling.
  const raw = (peopleAhead * handleMinutes) / (staffed ? staff : 1);
  return { minutes: Math.ceil(Math.round(raw * 1e6) / 1e6), staffed };
}
