/**
 * Notices that the screen's PC slept: a timer that ticks every `tickMs` finds the clock jumped by more than `jumpMs`
 * since its last tick (timers do not run while a PC sleeps, the wall clock does). The hall screen then reconnects at
 * once instead of waiting for its dead socket to time out.
 */

/** Start watching; `onWake` is called after each sleep. Returns the function that stops watching. */
export function detectSleep(
  onWake: () => void,
  options: { readonly tickMs?: number; readonly jumpMs?: number; readonly now?: () => number } = {},
): () => void {
  const tickMs = options.tickMs ?? 5000;
  const jumpMs = options.jumpMs ?? 15_000;
  const now = options.now ?? Date.now;
  let last = now();
  const timer = setInterval(() => {
    const t = now();
    const slept = t - last > jumpMs;
    last = t;
    if (slept) onWake();
  }, tickMs);
  return () => clearInterval(timer);
}
