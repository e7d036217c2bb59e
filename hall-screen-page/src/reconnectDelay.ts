/**
 * How long a screen waits before its next reconnect attempt: exponential backoff with jitter, so a hall's screens do
 * not all knock at once when the server comes back, and a screen left alone for hours still tries every `maxMs`.
 */

export interface BackoffPolicy {
  /** The first retry's delay, ms. */
  readonly initialMs: number;
  /** The longest delay, ms. */
  readonly maxMs: number;
  /** Each further failure multiplies the delay by this. */
  readonly factor: number;
  /** ± share of the delay drawn at random (0..1). */
  readonly jitter: number;
}

/** 0.5 s, 1 s, 2 s, … up to 10 s, ± 20 %. */
export const SCREEN_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 10_000, factor: 2, jitter: 0.2 };

/**
 * The delay (ms, whole) before attempt `failures` + 1, after `failures` ≥ 1 failed attempts in a row. `random` is in
 * [0, 1) (Math.random by default; tests pass their own).
 */
export function reconnectDelay(
  failures: number,
  policy: BackoffPolicy = SCREEN_BACKOFF,
  random: () => number = Math.random,
): number {
  const n = Math.max(1, Math.floor(failures));
  const base = Math.min(policy.maxMs, policy.initialMs * policy.factor ** (n - 1));
  const spread = base * policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(Math.min(policy.maxMs, base + spread)));
}
