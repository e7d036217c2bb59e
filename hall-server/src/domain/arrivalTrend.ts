/**
 * The live arrival rate of a queue and its trend, from the arrival times of its tickets in a recent window.
 *
 *   arrivals in the last `windowMinutes` (default 60), split into an earlier and a recent half
 *     -> rate over the whole window (the steady estimate: most tickets, least noise)
 *     -> trend: is the recent half busier than the earlier one beyond Poisson noise? (|z| ≥ 2, about 95%)
 *     -> planning rate for the next `lookaheadMinutes` (default 30): rising -> the recent rate extrapolated along the
 *        trend (capped at twice the recent rate); falling -> the recent rate (never extrapolated downward: closing a
 *        window too early costs more waiting than keeping it a little longer); steady -> the whole-window rate.
 *
 * The trend test: given n arrivals in total, under a constant rate the recent half's count is binomial with
 * p = recent span ÷ total span, so z = (n_recent − n p) / √(n p (1 − p)) (the conditional test for two Poisson
 * rates; Cox & Lewis, *The Statistical Analysis of Series of Events*, 1966).
 */

/** The observed window and the rates it gives, per minute. */
export interface ArrivalTrend {
  /** Minutes actually observed: the window, or less early in the day (from `openedAt`). */
  spanMinutes: number;
  /** Arrivals in the window. */
  count: number;
  /** Arrivals per minute over the whole observed span. */
  perMinute: number;
  /** Arrivals per minute in the earlier and the recent half of the span (equal halves). */
  earlierPerMinute: number;
  recentPerMinute: number;
  trend: "rising" | "falling" | "steady";
  /** The rate to plan the next `lookaheadMinutes` with (see the file comment). */
  planningPerMinute: number;
}

/** Options of `estimateArrivalTrend`. */
export interface ArrivalTrendOptions {
  /** Window length in minutes, > 0 (default 60). */
  windowMinutes?: number;
  /** How far ahead the planning rate looks, minutes ≥ 0 (default 30). */
  lookaheadMinutes?: number;
  /**
   * Epoch ms when counting could start today (the hall's first ticket of the day, the opening time): the window is
   * cut there, so an hour-old day is not diluted by an hour of closed doors. Default: the window's start.
   */
  openedAt?: number;
}

/** |z| at or above this calls the trend real (two-sided, about 95%). */
export const TREND_Z = 2;
/** The recent and earlier halves must hold at least this many arrivals together before a trend is called. */
export const MIN_TREND_ARRIVALS = 6;

/**
 * Estimate the arrival rate at `nowMs` from `arrivalsMs` (epoch ms; those outside [now − window, now] are ignored).
 * Throws RangeError on a non-finite `nowMs` or options outside their ranges. With no time observed (the day opened
 * just now) every rate is 0 and the trend steady.
 */
export function estimateArrivalTrend(
  arrivalsMs: readonly number[],
  nowMs: number,
  options: ArrivalTrendOptions = {},
): ArrivalTrend {
  const windowMinutes = options.windowMinutes ?? 60;
  const lookahead = options.lookaheadMinutes ?? 30;
  if (!Number.isFinite(nowMs)) throw new RangeError(`nowMs must be finite epoch ms, got ${nowMs}`);
  if (!(windowMinutes > 0 && Number.isFinite(windowMinutes)))
    throw new RangeError(`windowMinutes must be a finite number > 0, got ${windowMinutes}`);
  if (!(lookahead >= 0 && Number.isFinite(lookahead)))
    throw new RangeError(`lookaheadMinutes must be a finite number ≥ 0, got ${lookahead}`);
  const start = Math.max(nowMs - windowMinutes * 60_000, options.openedAt ?? Number.NEGATIVE_INFINITY);
  const spanMinutes = Math.max(0, (nowMs - start) / 60_000);
  if (spanMinutes === 0)
    return {
      spanMinutes: 0,
      count: 0,
      perMinute: 0,
      earlierPerMinute: 0,
      recentPerMinute: 0,
      trend: "steady",
      planningPerMinute: 0,
    };
  const half = spanMinutes / 2;
  const middle = nowMs - half * 60_000;
  let earlier = 0;
  let recent = 0;
  for (const t of arrivalsMs) {
    if (!(t >= start && t <= nowMs)) continue;
    if (t > middle) recent++;
    else earlier++;
  }
  const count = earlier + recent;
  const perMinute = count / spanMinutes;
  const earlierPerMinute = earlier / half;
  const recentPerMinute = recent / half;
  // Equal halves: p = 1/2, z = (recent − n/2) / (√n / 2).
  const z = count === 0 ? 0 : (recent - count / 2) / (Math.sqrt(count) / 2);
  const trend = count < MIN_TREND_ARRIVALS || Math.abs(z) < TREND_Z ? "steady" : z > 0 ? "rising" : "falling";
  let planningPerMinute = perMinute;
  if (trend === "falling") planningPerMinute = recentPerMinute;
  if (trend === "rising") {
    // From the recent half's midpoint to the middle of the lookahead, along the slope between the two midpoints.
    const slopePerMinute = (recentPerMinute - earlierPerMinute) / half;
    const projected = recentPerMinute + slopePerMinute * (half / 2 + lookahead / 2);
    planningPerMinute = Math.min(projected, 2 * recentPerMinute);
  }
  return { spanMinutes, count, perMinute, earlierPerMinute, recentPerMinute, trend, planningPerMinute };
}
